package io.wabaflow.sync.conversations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.messages.ReadMarkFact;

/**
 * Recomputes the conversations a batch touched from their messages, in one statement. Counting from the
 * rows rather than incrementing on arrival is what makes duplicates, replays and any order give the same
 * numbers. The cost is proportional to the touched conversations' length, once per batch.
 *
 * <p>Only content messages count: reactions, edits and revokes annotate other messages. The window is
 * 24 h after the last live inbound message (origin {@code cloud_api}): echoes, history and outbound
 * messages never open it (facts file 3.5, 4.3). Unread = live inbound messages after both the last
 * outbound message and the last message the business marked read.
 */
public final class ConversationRecompute {

	private static final String RECOMPUTE = """
			WITH touched AS (
				SELECT DISTINCT pn AS phone_number_id, wa AS contact_wa_id FROM unnest(:pn, :wa) AS t(pn, wa)
			), counted AS (
				SELECT m.phone_number_id, m.contact_wa_id, m.message_id, m.direction, m.origin, m.sender, m.sent_at,
					m.type, m.is_group
				FROM messages m JOIN touched t USING (phone_number_id, contact_wa_id)
				WHERE m.direction IS NOT NULL AND m.sent_at IS NOT NULL
					AND m.type IS NOT NULL AND m.type NOT IN ('reaction', 'edit', 'revoke')
			), agg AS (
				SELECT phone_number_id, contact_wa_id,
					bool_or(is_group) AS is_group,
					count(*) AS message_count,
					count(*) FILTER (WHERE direction = 'inbound') AS inbound_count,
					count(*) FILTER (WHERE direction = 'outbound') AS outbound_count,
					count(*) FILTER (WHERE sender = 'contact') AS from_contact,
					count(*) FILTER (WHERE sender = 'agent') AS from_agent,
					count(*) FILTER (WHERE sender = 'bot') AS from_bot,
					count(*) FILTER (WHERE sender = 'system') AS from_system,
					count(*) FILTER (WHERE sender = 'business_app') AS from_business_app,
					count(*) FILTER (WHERE origin = 'history') AS history_count,
					max(sent_at) FILTER (WHERE direction = 'inbound') AS last_inbound_at,
					max(sent_at) FILTER (WHERE direction = 'inbound' AND origin = 'cloud_api') AS last_user_message_at,
					max(sent_at) FILTER (WHERE direction = 'outbound') AS last_outbound_at
				FROM counted GROUP BY phone_number_id, contact_wa_id
			), last AS (
				SELECT DISTINCT ON (phone_number_id, contact_wa_id) phone_number_id, contact_wa_id, message_id, sent_at,
					direction, type
				FROM counted ORDER BY phone_number_id, contact_wa_id, sent_at DESC, message_id DESC
			), marks AS (
				-- a mark names an inbound message, whose id is its wamid
				SELECT u.phone_number_id, u.contact_wa_id, max(u.sent_at) AS read_up_to
				FROM counted u
				JOIN read_marks r ON r.phone_number_id = u.phone_number_id AND r.target_wamid = u.message_id
				GROUP BY u.phone_number_id, u.contact_wa_id
			), unread AS (
				SELECT u.phone_number_id, u.contact_wa_id, count(*) AS unread_count
				FROM counted u JOIN agg a USING (phone_number_id, contact_wa_id)
				LEFT JOIN marks k USING (phone_number_id, contact_wa_id)
				WHERE u.direction = 'inbound' AND u.origin = 'cloud_api'
					AND u.sent_at > greatest(coalesce(a.last_outbound_at, '-infinity'), coalesce(k.read_up_to, '-infinity'))
				GROUP BY u.phone_number_id, u.contact_wa_id
			)
			INSERT INTO conversations AS c (phone_number_id, contact_wa_id, conversation_id, is_group, message_count,
				inbound_count, outbound_count, from_contact, from_agent, from_bot, from_system, from_business_app,
				history_count, last_message_id, last_message_at, last_message_direction, last_message_type,
				last_inbound_at, last_user_message_at, window_expires_at, unread_count)
			SELECT a.phone_number_id, a.contact_wa_id, a.phone_number_id || ':' || a.contact_wa_id, a.is_group,
				a.message_count, a.inbound_count, a.outbound_count, a.from_contact, a.from_agent, a.from_bot,
				a.from_system, a.from_business_app, a.history_count, l.message_id, l.sent_at, l.direction, l.type,
				a.last_inbound_at, a.last_user_message_at, a.last_user_message_at + interval '24 hours',
				coalesce(u.unread_count, 0)
			FROM agg a JOIN last l USING (phone_number_id, contact_wa_id)
			LEFT JOIN unread u USING (phone_number_id, contact_wa_id)
			ORDER BY a.phone_number_id, a.contact_wa_id
			ON CONFLICT (phone_number_id, contact_wa_id) DO UPDATE SET
				is_group = excluded.is_group, message_count = excluded.message_count,
				inbound_count = excluded.inbound_count, outbound_count = excluded.outbound_count,
				from_contact = excluded.from_contact, from_agent = excluded.from_agent, from_bot = excluded.from_bot,
				from_system = excluded.from_system, from_business_app = excluded.from_business_app,
				history_count = excluded.history_count, last_message_id = excluded.last_message_id,
				last_message_at = excluded.last_message_at, last_message_direction = excluded.last_message_direction,
				last_message_type = excluded.last_message_type, last_inbound_at = excluded.last_inbound_at,
				last_user_message_at = excluded.last_user_message_at, window_expires_at = excluded.window_expires_at,
				unread_count = excluded.unread_count
			WHERE (c.is_group, c.message_count, c.inbound_count, c.outbound_count, c.from_contact, c.from_agent,
					c.from_bot, c.from_system, c.from_business_app, c.history_count, c.last_message_id, c.last_message_at,
					c.last_message_direction, c.last_message_type, c.last_inbound_at, c.last_user_message_at,
					c.unread_count)
				IS DISTINCT FROM (excluded.is_group, excluded.message_count, excluded.inbound_count,
					excluded.outbound_count, excluded.from_contact, excluded.from_agent, excluded.from_bot,
					excluded.from_system, excluded.from_business_app, excluded.history_count, excluded.last_message_id,
					excluded.last_message_at, excluded.last_message_direction, excluded.last_message_type,
					excluded.last_inbound_at, excluded.last_user_message_at, excluded.unread_count)
			""";

	/** The conversations of the messages a batch marked read (inbound messages: their id is the wamid). */
	private static final String CONVERSATIONS_OF_MARKS = """
			SELECT DISTINCT m.phone_number_id, m.contact_wa_id
			FROM unnest(:pn, :wamid) AS t(pn, wamid)
			JOIN messages m ON m.phone_number_id = t.pn AND m.message_id = t.wamid
			WHERE m.contact_wa_id IS NOT NULL
			""";

	public void recompute(Handle handle, Set<ConversationKey> touched, List<ReadMarkFact> marks) {
		Set<ConversationKey> keys = new TreeSet<>(touched);
		if (!marks.isEmpty()) {
			keys.addAll(handle.createQuery(CONVERSATIONS_OF_MARKS)
					.bindArray("pn", String.class, marks.stream().map(ReadMarkFact::phoneNumberId).toList())
					.bindArray("wamid", String.class, marks.stream().map(ReadMarkFact::targetWamid).toList())
					.map((rs, ctx) -> new ConversationKey(rs.getString(1), rs.getString(2)))
					.list());
		}
		if (keys.isEmpty()) {
			return;
		}
		List<String> numbers = new ArrayList<>(keys.size());
		List<String> contacts = new ArrayList<>(keys.size());
		for (ConversationKey key : keys) {
			numbers.add(key.phoneNumberId());
			contacts.add(key.contactWaId());
		}
		handle.createUpdate(RECOMPUTE)
				.bindArray("pn", String.class, numbers)
				.bindArray("wa", String.class, contacts)
				.execute();
	}
}

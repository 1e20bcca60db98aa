package io.wabaflow.sync.conversations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.Sql;
import io.wabaflow.sync.identity.ConversationKey;
import io.wabaflow.sync.identity.Persons;
import io.wabaflow.sync.messages.ReadMarkFact;

/**
 * Recomputes the conversations a batch touched from their messages. Counting from the rows rather than
 * incrementing on arrival is what makes duplicates, replays and any order give the same numbers. The
 * cost is proportional to the touched conversations' length, once per batch: one index range scan reads
 * their content messages (narrow rows, in the order of the conversation index), the counting happens here
 * ({@link ConversationTally}), and one multi-row upsert writes the results. (Doing the counting in one SQL
 * statement made PostgreSQL sort, hash and materialise the rows several times over, and hash-join
 * read_marks as a whole: it was half of all projection time.)
 *
 * <p>Only content messages count: reactions, edits and revokes annotate other messages. The window is
 * 24 h after the last live inbound message (origin {@code cloud_api}): echoes, history and outbound
 * messages never open it (facts file 3.5, 4.3). Unread = live inbound messages after both the last
 * outbound message and the last message the business marked read.
 *
 * <p>A conversation is a person's ({@link Persons}): the messages of every identity of that person, whether they
 * came with a phone, a BSUID or both. When a link merges two persons, the retired person's conversation is dropped
 * and the merged one counted afresh from all its messages.
 */
public final class ConversationRecompute {

	/* A mark names an inbound message, whose id is its wamid: one primary-key probe per inbound message. */
	private static final String CONTENT_MESSAGES = """
			SELECT t.pn, t.person, m.message_id, m.direction, m.origin, m.sender, m.sent_at,
				m.type, m.is_group,
				m.direction = 'inbound' AND EXISTS (SELECT 1 FROM read_marks r
					WHERE r.phone_number_id = m.phone_number_id AND r.target_wamid = m.message_id) AS marked_read,
				coalesce(m.outbound_state IN ('REJECTED', 'FAILED'), false) AS refused
			FROM unnest(:pn, :wa) AS t(pn, person)
			JOIN identities i ON i.phone_number_id = t.pn AND i.person = t.person
			JOIN messages m ON m.phone_number_id = i.phone_number_id AND m.contact_wa_id = i.identity
			WHERE m.direction IS NOT NULL AND m.sent_at IS NOT NULL
				AND m.type IS NOT NULL AND m.type NOT IN ('reaction', 'edit', 'revoke')
			""";

	private static final String UPSERT = """
			INSERT INTO conversations AS c (phone_number_id, contact_wa_id, conversation_id, is_group, message_count,
				inbound_count, outbound_count, from_contact, from_agent, from_bot, from_system, from_business_app,
				history_count, last_message_id, last_message_at, last_message_direction, last_message_type,
				last_inbound_at, last_user_message_at, window_expires_at, unread_count, last_agent_message_at,
				last_business_app_message_at)
			SELECT pn, wa, id, grp, n, inb, outb, fc, fa, fb, fs, fba, hist, lid, %1$s, ldir, ltype, %2$s, %3$s,
				%3$s + interval '24 hours', unread, %4$s, %5$s
			FROM unnest(:pn, :wa, :id, :grp, :n, :inb, :outb, :fc, :fa, :fb, :fs, :fba, :hist, :lid, :lat, :ldir,
				:ltype, :lin, :lum, :unread, :lag, :lba)
				AS t(pn, wa, id, grp, n, inb, outb, fc, fa, fb, fs, fba, hist, lid, lat, ldir, ltype, lin, lum, unread, lag,
					lba)
			ON CONFLICT (phone_number_id, contact_wa_id) DO UPDATE SET
				is_group = excluded.is_group, message_count = excluded.message_count,
				inbound_count = excluded.inbound_count, outbound_count = excluded.outbound_count,
				from_contact = excluded.from_contact, from_agent = excluded.from_agent, from_bot = excluded.from_bot,
				from_system = excluded.from_system, from_business_app = excluded.from_business_app,
				history_count = excluded.history_count, last_message_id = excluded.last_message_id,
				last_message_at = excluded.last_message_at, last_message_direction = excluded.last_message_direction,
				last_message_type = excluded.last_message_type, last_inbound_at = excluded.last_inbound_at,
				last_user_message_at = excluded.last_user_message_at, window_expires_at = excluded.window_expires_at,
				unread_count = excluded.unread_count, last_agent_message_at = excluded.last_agent_message_at,
				last_business_app_message_at = excluded.last_business_app_message_at
			WHERE (c.is_group, c.message_count, c.inbound_count, c.outbound_count, c.from_contact, c.from_agent,
					c.from_bot, c.from_system, c.from_business_app, c.history_count, c.last_message_id, c.last_message_at,
					c.last_message_direction, c.last_message_type, c.last_inbound_at, c.last_user_message_at,
					c.unread_count, c.last_agent_message_at, c.last_business_app_message_at)
				IS DISTINCT FROM (excluded.is_group, excluded.message_count, excluded.inbound_count,
					excluded.outbound_count, excluded.from_contact, excluded.from_agent, excluded.from_bot,
					excluded.from_system, excluded.from_business_app, excluded.history_count, excluded.last_message_id,
					excluded.last_message_at, excluded.last_message_direction, excluded.last_message_type,
					excluded.last_inbound_at, excluded.last_user_message_at, excluded.unread_count,
					excluded.last_agent_message_at, excluded.last_business_app_message_at)
			""".formatted(Sql.ts("lat"), Sql.ts("lin"), Sql.ts("lum"), Sql.ts("lag"), Sql.ts("lba"));

	/** The conversations of the messages a batch marked read (inbound messages: their id is the wamid). */
	private static final String CONVERSATIONS_OF_MARKS = """
			SELECT DISTINCT m.phone_number_id, i.person
			FROM unnest(:pn, :wamid) AS t(pn, wamid)
			JOIN messages m ON m.phone_number_id = t.pn AND m.message_id = t.wamid
			JOIN identities i ON i.phone_number_id = m.phone_number_id AND i.identity = m.contact_wa_id
			""";

	private static final String DROP_RETIRED = """
			DELETE FROM conversations c USING unnest(:pn, :person) AS t(pn, person)
			WHERE c.phone_number_id = t.pn AND c.contact_wa_id = t.person
			""";

	/**
	 * @param named the identities the batch's messages named, as (number, identity)
	 * @param who   their persons, and the persons a merge made and retired
	 */
	public void recompute(Handle handle, Set<ConversationKey> named, Persons.Resolution who, List<ReadMarkFact> marks) {
		if (!who.retired().isEmpty()) {
			handle.createUpdate(DROP_RETIRED)
					.bindArray("pn", String.class, who.retired().stream().map(ConversationKey::phoneNumberId).toList())
					.bindArray("person", String.class, who.retired().stream().map(ConversationKey::contactWaId).toList())
					.execute();
		}
		Set<ConversationKey> keys = new TreeSet<>(who.merged());
		for (ConversationKey identity : named) {
			keys.add(new ConversationKey(identity.phoneNumberId(), who.personOf(identity)));
		}
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
		Map<ConversationKey, ConversationTally> tallies = new TreeMap<>();
		handle.createQuery(CONTENT_MESSAGES)
				.bindArray("pn", String.class, numbers)
				.bindArray("wa", String.class, contacts)
				.reduceResultSet(tallies, (acc, rs, ctx) -> {
					ConversationKey key = new ConversationKey(rs.getString(1), rs.getString(2));
					acc.computeIfAbsent(key, ConversationTally::new).add(new ConversationTally.Message(rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).getTime(),
							rs.getString(8), rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11)));
					return acc;
				});
		// a person whose only messages are refused commands has no conversation yet (they never reached the user);
		// on another topic, the user's own message may simply not be projected yet
		List<ConversationTally> counted = tallies.values().stream().filter(tally -> tally.last() != null).toList();
		if (counted.isEmpty()) {
			return;
		}
		ColumnArrays.of(handle.createUpdate(UPSERT), counted)
				.text("pn", t -> t.key().phoneNumberId())
				.text("wa", t -> t.key().contactWaId())
				.text("id", t -> t.key().id())
				.bool("grp", ConversationTally::group)
				.integer("n", ConversationTally::messages)
				.integer("inb", ConversationTally::inbound)
				.integer("outb", ConversationTally::outbound)
				.integer("fc", ConversationTally::fromContact)
				.integer("fa", ConversationTally::fromAgent)
				.integer("fb", ConversationTally::fromBot)
				.integer("fs", ConversationTally::fromSystem)
				.integer("fba", ConversationTally::fromBusinessApp)
				.integer("hist", ConversationTally::history)
				.text("lid", t -> t.last().messageId())
				.bigint("lat", t -> t.last().sentAtMs())
				.text("ldir", t -> t.last().direction())
				.text("ltype", t -> t.last().type())
				.bigint("lin", ConversationTally::lastInboundAt)
				.bigint("lum", ConversationTally::lastUserMessageAt)
				.integer("unread", ConversationTally::unread)
				.bigint("lag", ConversationTally::lastAgentAt)
				.bigint("lba", ConversationTally::lastBusinessAppAt)
				.execute();
	}
}

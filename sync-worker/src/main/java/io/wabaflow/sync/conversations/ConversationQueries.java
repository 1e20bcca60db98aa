package io.wabaflow.sync.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.wabaflow.sync.db.Sql;
import io.wabaflow.sync.identity.ConversationKey;
import io.wabaflow.sync.identity.UserIds;

/**
 * Reads conversations newest first, keyset-paged by (last message time, contact). Seed 002's listing
 * rule: no group chats, only conversations with at least one message.
 */
public final class ConversationQueries {

	/*
	 * A conversation is a person's: the profile shown is the latest any of the person's identities carried (a BSUID
	 * webhook brings the username), the address-book name any phone of the person has in the business app's book.
	 */
	private static final String SELECT = """
			SELECT c.*, p.profile_name, p.user_id, p.username, b.book_full_name
			FROM conversations c
			LEFT JOIN LATERAL (
				SELECT ct.profile_name, ct.user_id, ct.username
				FROM identities i JOIN contacts ct ON ct.phone_number_id = i.phone_number_id AND ct.wa_id = i.identity
				WHERE i.phone_number_id = c.phone_number_id AND i.person = c.contact_wa_id
				ORDER BY ct.profile_changed_at DESC NULLS LAST, ct.wa_id
				LIMIT 1) p ON true
			LEFT JOIN LATERAL (
				SELECT ct.book_full_name
				FROM identities i JOIN contacts ct ON ct.phone_number_id = i.phone_number_id AND ct.wa_id = i.identity
				WHERE i.phone_number_id = c.phone_number_id AND i.person = c.contact_wa_id AND ct.book_changed_at IS NOT NULL
				ORDER BY ct.book_changed_at DESC, ct.wa_id
				LIMIT 1) b ON true
			""";

	private static final String LIST = SELECT + """
			WHERE c.phone_number_id = :pn AND NOT c.is_group AND c.message_count > 0 %s
			ORDER BY c.last_message_at DESC, c.contact_wa_id DESC
			LIMIT :limit
			""";

	public List<ConversationView> list(Handle handle, String phoneNumberId, Instant beforeAt, String beforeWaId,
			int limit, Instant now) {
		return list(handle, phoneNumberId, null, beforeAt, beforeWaId, limit, now);
	}

	/**
	 * Matches a search {@code q} (already trimmed, not empty): a person with an identity that starts with its digits
	 * (a phone) or equals it (a BSUID), a contact whose profile name, address-book name or username contains it, or a
	 * message whose text has its words (PostgreSQL full text, {@code simple} configuration, V8's index).
	 */
	private static final String SEARCH = """
			AND c.contact_wa_id IN (
			    SELECT i.person FROM identities i WHERE i.phone_number_id = :pn
			      AND ((:digits <> '' AND i.identity LIKE :digits || '%') OR i.identity = :q)
			    UNION
			    SELECT coalesce(i.person, k.wa_id) FROM contacts k
			    LEFT JOIN identities i ON i.phone_number_id = k.phone_number_id AND i.identity = k.wa_id
			    WHERE k.phone_number_id = :pn AND (k.profile_name ILIKE :like OR k.book_full_name ILIKE :like
			        OR k.username ILIKE :like)
			    UNION
			    SELECT coalesce(i.person, m.contact_wa_id) FROM messages m
			    LEFT JOIN identities i ON i.phone_number_id = m.phone_number_id AND i.identity = m.contact_wa_id
			    WHERE m.phone_number_id = :pn AND m.type = 'text'
			      AND to_tsvector('simple', coalesce(m.content_json::jsonb ->> 'body', '')) @@ plainto_tsquery('simple', :q))
			""";

	/** The conversations of a number, newest first; only those matching {@code q} when it is given. */
	public List<ConversationView> list(Handle handle, String phoneNumberId, String q, Instant beforeAt,
			String beforeWaId, int limit, Instant now) {
		boolean paged = beforeAt != null;
		boolean search = q != null && !q.isBlank();
		Query query = handle.createQuery(LIST.formatted((search ? SEARCH : "") + (paged
				? "AND (c.last_message_at, c.contact_wa_id) < (:before_at, :before_wa)" : "")))
				.bind("pn", phoneNumberId)
				.bind("limit", limit);
		if (search) {
			String trimmed = q.strip();
			query.bind("q", trimmed).bind("digits", trimmed.matches("[+0-9 ()-]+") ? trimmed.replaceAll("\\D", "") : "")
					.bind("like", "%" + trimmed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (paged) {
			query.bind("before_at", Timestamp.from(beforeAt)).bind("before_wa", beforeWaId);
		}
		return query.map((rs, ctx) -> conversation(rs, now)).list();
	}

	/**
	 * The conversation of the person {@code key} names: by the person's id, or by any other identity of the person (a
	 * conversation first seen by BSUID keeps answering once a phone joined it and became its id).
	 */
	public Optional<ConversationView> find(Handle handle, ConversationKey key, Instant now) {
		return handle.createQuery(SELECT + """
				WHERE c.phone_number_id = :pn AND c.contact_wa_id = coalesce((SELECT person FROM identities
					WHERE phone_number_id = :pn AND identity = :wa), :wa)
				""")
				.bind("pn", key.phoneNumberId())
				.bind("wa", key.contactWaId())
				.map((rs, ctx) -> conversation(rs, now))
				.findOne();
	}

	private static ConversationView.Contact contact(ResultSet rs) throws SQLException {
		String person = rs.getString("contact_wa_id");
		boolean group = person.startsWith("group:");
		String userId = rs.getString("user_id");
		return new ConversationView.Contact(UserIds.isPhone(person) ? person : null,
				userId != null ? userId : group || UserIds.isPhone(person) ? null : person, rs.getString("username"),
				rs.getString("profile_name"), rs.getString("book_full_name"));
	}

	private static ConversationView conversation(ResultSet rs, Instant now) throws SQLException {
		Instant windowExpiresAt = Sql.instant(rs.getTimestamp("window_expires_at"));
		return new ConversationView(rs.getString("conversation_id"), rs.getString("phone_number_id"),
				contact(rs),
				new ConversationView.LastMessage(rs.getString("last_message_id"),
						Sql.instant(rs.getTimestamp("last_message_at")), rs.getString("last_message_direction"),
						rs.getString("last_message_type")),
				new ConversationView.Counts(rs.getInt("message_count"), rs.getInt("inbound_count"),
						rs.getInt("outbound_count"), rs.getInt("from_contact"), rs.getInt("from_agent"),
						rs.getInt("from_bot"), rs.getInt("from_system"), rs.getInt("from_business_app"),
						rs.getInt("history_count")),
				rs.getInt("unread_count"), Sql.instant(rs.getTimestamp("last_inbound_at")),
				Sql.instant(rs.getTimestamp("last_user_message_at")), windowExpiresAt,
				windowExpiresAt != null && windowExpiresAt.isAfter(now), Sql.instant(rs.getTimestamp("last_agent_message_at")),
				Sql.instant(rs.getTimestamp("last_business_app_message_at")));
	}
}

package io.wabaflow.sync.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.wabaflow.sync.db.Sql;
import io.wabaflow.sync.identity.UserIds;

/**
 * Reads contacts, keyset-paged by identity. A contact row is an identity (a phone, or a BSUID for a user known by
 * BSUID only); its conversation is its person's.
 */
public final class ContactQueries {

	private static final String LIST = """
			SELECT c.*, coalesce(i.person, c.wa_id) AS person
			FROM contacts c
			LEFT JOIN identities i ON i.phone_number_id = c.phone_number_id AND i.identity = c.wa_id
			WHERE c.phone_number_id = :pn %s ORDER BY c.wa_id LIMIT :limit
			""";

	/** One contact of a number, by its identity (a phone's digits or a BSUID). */
	public Optional<ContactView> find(Handle handle, String phoneNumberId, String identity) {
		return handle.createQuery(LIST.formatted("AND c.wa_id = :id")).bind("pn", phoneNumberId).bind("id", identity)
				.bind("limit", 1).map((rs, ctx) -> contact(rs)).findOne();
	}

	public List<ContactView> list(Handle handle, String phoneNumberId, String afterWaId, int limit) {
		Query query = handle.createQuery(LIST.formatted(afterWaId == null ? "" : "AND c.wa_id > :after"))
				.bind("pn", phoneNumberId)
				.bind("limit", limit);
		if (afterWaId != null) {
			query.bind("after", afterWaId);
		}
		return query.map((rs, ctx) -> contact(rs)).list();
	}

	private static ContactView contact(ResultSet rs) throws SQLException {
		Instant profileAt = Sql.instant(rs.getTimestamp("profile_changed_at"));
		Instant bookAt = Sql.instant(rs.getTimestamp("book_changed_at"));
		ContactView.Profile profile = rs.getString("profile_name") == null ? null
				: new ContactView.Profile(rs.getString("profile_name"), profileAt);
		ContactView.AddressBook book = bookAt == null ? null
				: new ContactView.AddressBook(rs.getString("book_full_name"), rs.getString("book_first_name"),
						"remove".equals(rs.getString("book_action")), bookAt);
		Instant changedAt = profileAt == null ? bookAt : bookAt == null || profileAt.isAfter(bookAt) ? profileAt : bookAt;
		String identity = rs.getString("wa_id");
		String userId = rs.getString("user_id");
		return new ContactView(identity, UserIds.isPhone(identity) ? identity : null,
				userId != null ? userId : UserIds.isPhone(identity) ? null : identity, rs.getString("username"),
				rs.getString("phone_number_id") + ":" + rs.getString("person"), profile, book, changedAt);
	}
}

package io.wabaflow.sync.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.wabaflow.sync.db.Sql;

/** Reads contacts, keyset-paged by wa_id. */
public final class ContactQueries {

	private static final String LIST = """
			SELECT * FROM contacts WHERE phone_number_id = :pn %s ORDER BY wa_id LIMIT :limit
			""";

	public List<ContactView> list(Handle handle, String phoneNumberId, String afterWaId, int limit) {
		Query query = handle.createQuery(LIST.formatted(afterWaId == null ? "" : "AND wa_id > :after"))
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
		String waId = rs.getString("wa_id");
		return new ContactView(waId, rs.getString("phone_number_id") + ":" + waId, profile, book, changedAt);
	}
}

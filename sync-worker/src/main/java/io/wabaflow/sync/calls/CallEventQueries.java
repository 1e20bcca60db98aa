package io.wabaflow.sync.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.wabaflow.sync.db.Sql;

/** The call events of a person's conversation (every identity of the person), newest first, keyset-paged. */
public final class CallEventQueries {

	private static final String LIST = """
			SELECT * FROM call_events
			WHERE phone_number_id = :pn
				AND contact_identity IN (SELECT identity FROM identities WHERE phone_number_id = :pn AND person = :person)
				%s
			ORDER BY at DESC, call_id || '|' || event DESC
			LIMIT :limit
			""";

	public List<CallEventView> list(Handle handle, String phoneNumberId, String person, Instant beforeAt,
			String beforeKey, int limit) {
		boolean paged = beforeAt != null;
		Query query = handle.createQuery(LIST.formatted(paged
				? "AND (at, call_id || '|' || event) < (:before_at, :before_key)" : ""))
				.bind("pn", phoneNumberId).bind("person", person).bind("limit", limit);
		if (paged) {
			query.bind("before_at", Timestamp.from(beforeAt)).bind("before_key", beforeKey);
		}
		return query.map((rs, ctx) -> new CallEventView(rs.getString("call_id"), rs.getString("event"),
				rs.getString("direction"), rs.getString("status"), Sql.instant(rs.getTimestamp("at")),
				(Integer) rs.getObject("duration_seconds"), rs.getString("raw_json"))).list();
	}
}

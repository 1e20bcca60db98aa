package io.wabaflow.sync.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.wabaflow.sync.db.Sql;

/** A number's kept changes and its WABA's, newest first, keyset-paged by (received_at, event_id). */
public final class WebhookEventQueries {

	private static final String LIST = """
			SELECT * FROM webhook_events
			WHERE (phone_number_id = :pn OR (phone_number_id IS NULL
					AND waba_id = (SELECT waba_id FROM phone_numbers WHERE phone_number_id = :pn)))
				AND (CAST(:field AS text) IS NULL OR field = :field) %s
			ORDER BY received_at DESC, event_id DESC
			LIMIT :limit
			""";

	public List<WebhookEventView> list(Handle handle, String phoneNumberId, String field, Instant beforeAt,
			String beforeId, int limit) {
		boolean paged = beforeAt != null;
		Query query = handle.createQuery(LIST.formatted(paged ? "AND (received_at, event_id) < (:before_at, :before_id)"
				: "")).bind("pn", phoneNumberId).bind("field", field).bind("limit", limit);
		if (paged) {
			query.bind("before_at", Timestamp.from(beforeAt)).bind("before_id", beforeId);
		}
		return query.map((rs, ctx) -> new WebhookEventView(rs.getString("event_id"), rs.getString("field"),
				rs.getString("phone_number_id"), rs.getString("waba_id"), Sql.instant(rs.getTimestamp("received_at")),
				rs.getString("value_json"))).list();
	}
}

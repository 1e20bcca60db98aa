package io.wabaflow.sync.pricing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * What Meta says the number's messages cost: the {@code pricing} of status webhooks (PMP or the legacy
 * conversation-based model, with or without {@code conversation}), one per message (its latest report), summed by
 * category, pricing model and type. Read from the status rows as Meta sent them, so a status received twice or out of
 * order counts once and a rebuild gives the same sums.
 */
public final class PricingQueries {

	private static final String SUMMARY = """
			SELECT p ->> 'category' AS category, p ->> 'pricing_model' AS pricing_model, p ->> 'type' AS type,
				count(*) AS messages, count(*) FILTER (WHERE (p ->> 'billable')::boolean) AS billable
			FROM (
				SELECT DISTINCT ON (wamid) wamid, raw_json::jsonb -> 'pricing' AS p
				FROM message_statuses
				WHERE phone_number_id = :pn AND (raw_json::jsonb -> 'pricing') IS NOT NULL
					AND (CAST(:from AS timestamptz) IS NULL OR status_at >= :from)
					AND (CAST(:to AS timestamptz) IS NULL OR status_at < :to)
				ORDER BY wamid, status_at DESC, status
			) priced
			GROUP BY 1, 2, 3
			ORDER BY 1, 2, 3
			""";

	/** One line of the summary: messages Meta priced this way, and how many of them are billable. */
	public record Line(String category, String pricingModel, String type, long messages, long billable) {
	}

	public List<Line> summary(Handle handle, String phoneNumberId, Instant from, Instant to) {
		return handle.createQuery(SUMMARY).bind("pn", phoneNumberId)
				.bind("from", from == null ? null : Timestamp.from(from))
				.bind("to", to == null ? null : Timestamp.from(to))
				.map((rs, ctx) -> new Line(rs.getString("category"), rs.getString("pricing_model"), rs.getString("type"),
						rs.getLong("messages"), rs.getLong("billable")))
				.list();
	}
}

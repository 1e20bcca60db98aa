package io.wabaflow.sync.statuses;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/**
 * Records status transitions, one row per (wamid, status) with the earliest report of it (facts file §5
 * REC: keep the earliest timestamp per state). The message row is not touched: the current status is
 * derived from the set of transitions when read ({@link CurrentStatus}), so a status that arrives
 * before its message, or twice, or out of order, changes nothing but its own row.
 */
public final class StatusWriter {

	private static final String UPSERT = """
			INSERT INTO message_statuses AS s (phone_number_id, wamid, status, status_at, event_id, recipient_id, is_group,
				error_code, error_title, error_details, raw_json)
			SELECT pn, wamid, status, %s, k, recipient, grp, ec, et, ed, raw
			FROM unnest(:pn, :wamid, :status, :at, :k, :recipient, :grp, :ec, :et, :ed, :raw)
				AS t(pn, wamid, status, at, k, recipient, grp, ec, et, ed, raw)
			ON CONFLICT (phone_number_id, wamid, status) DO UPDATE SET
				status_at = excluded.status_at, event_id = excluded.event_id, recipient_id = excluded.recipient_id,
				is_group = excluded.is_group, error_code = excluded.error_code, error_title = excluded.error_title,
				error_details = excluded.error_details, raw_json = excluded.raw_json
			WHERE (excluded.status_at, excluded.event_id) < (s.status_at, s.event_id)
			""".formatted(Sql.ts("at"));

	public void write(Handle handle, List<StatusFact> facts) {
		for (List<StatusFact> round : KeyedRounds.split(facts,
				f -> f.phoneNumberId() + "\u0000" + f.wamid() + "\u0000" + f.status())) {
			ColumnArrays.of(handle.createUpdate(UPSERT), round)
					.text("pn", StatusFact::phoneNumberId)
					.text("wamid", StatusFact::wamid)
					.text("status", StatusFact::status)
					.bigint("at", StatusFact::statusAtMs)
					.text("k", StatusFact::key)
					.text("recipient", StatusFact::recipientId)
					.bool("grp", StatusFact::group)
					.integer("ec", StatusFact::errorCode)
					.text("et", StatusFact::errorTitle)
					.text("ed", StatusFact::errorDetails)
					.text("raw", StatusFact::rawJson)
					.execute();
		}
	}
}

package io.wabaflow.sync.calls;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/** Keeps each (call, event) once: the earliest report wins, a content hash breaks ties. */
public final class CallEventWriter {

	private static final String UPSERT = """
			INSERT INTO call_events AS c (phone_number_id, call_id, event, contact_identity, direction, status, at,
				duration_seconds, raw_json, event_key)
			SELECT pn, cid, ev, who, dir, st, %s, dur, raw, k
			FROM unnest(:pn, :cid, :ev, :who, :dir, :st, :at, :dur, :raw, :k)
				AS t(pn, cid, ev, who, dir, st, at, dur, raw, k)
			ON CONFLICT (phone_number_id, call_id, event) DO UPDATE SET contact_identity = excluded.contact_identity,
				direction = excluded.direction, status = excluded.status, at = excluded.at,
				duration_seconds = excluded.duration_seconds, raw_json = excluded.raw_json, event_key = excluded.event_key
			WHERE (excluded.at, excluded.event_key) < (c.at, c.event_key)
			""".formatted(Sql.ts("at"));

	public void write(Handle handle, List<CallEventFact> facts) {
		for (List<CallEventFact> round : KeyedRounds.split(facts,
				f -> f.phoneNumberId() + "\u0000" + f.callId() + "\u0000" + f.event())) {
			ColumnArrays.of(handle.createUpdate(UPSERT), round)
					.text("pn", CallEventFact::phoneNumberId)
					.text("cid", CallEventFact::callId)
					.text("ev", CallEventFact::event)
					.text("who", CallEventFact::contactIdentity)
					.text("dir", CallEventFact::direction)
					.text("st", CallEventFact::status)
					.bigint("at", CallEventFact::atMs)
					.integer("dur", CallEventFact::durationSeconds)
					.text("raw", CallEventFact::rawJson)
					.text("k", CallEventFact::key)
					.execute();
		}
	}
}

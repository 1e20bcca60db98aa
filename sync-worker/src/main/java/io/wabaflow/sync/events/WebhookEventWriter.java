package io.wabaflow.sync.events;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/** Keeps the changes of fields nobody models yet, once per event id, at their earliest reception. */
public final class WebhookEventWriter {

	private static final String UPSERT = """
			INSERT INTO webhook_events AS e (waba_id, event_id, phone_number_id, field, received_at, value_json)
			SELECT waba, eid, pn, field, %s, value
			FROM unnest(:waba, :eid, :pn, :field, :at, :value) AS t(waba, eid, pn, field, at, value)
			ON CONFLICT (waba_id, event_id) DO UPDATE SET received_at = excluded.received_at
			WHERE excluded.received_at < e.received_at
			""".formatted(Sql.ts("at"));

	public void write(Handle handle, List<WebhookEventFact> facts) {
		for (List<WebhookEventFact> round : KeyedRounds.split(facts, f -> f.wabaId() + "\u0000" + f.eventId())) {
			ColumnArrays.of(handle.createUpdate(UPSERT), round)
					.text("waba", WebhookEventFact::wabaId)
					.text("eid", WebhookEventFact::eventId)
					.text("pn", WebhookEventFact::phoneNumberId)
					.text("field", WebhookEventFact::field)
					.bigint("at", WebhookEventFact::receivedAtMs)
					.text("value", WebhookEventFact::valueJson)
					.execute();
		}
	}
}

package io.wabaflow.sender.window;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** The {@code windows} table: last inbound time per (number, wa_id), only ever moved forward. */
@Component
class WindowStore {

	private final Jdbi jdbi;

	WindowStore(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	/**
	 * Monotonic upsert: a redelivered or older webhook never moves a window back. {@code inbound} has at
	 * most one entry per key (ON CONFLICT DO UPDATE may touch a row only once per statement).
	 */
	void record(List<InboundMessages.Inbound> inbound) {
		if (inbound.isEmpty()) {
			return;
		}
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO windows (phone_number_id, wa_id, last_inbound_at, last_message_id)
				SELECT i.pn, i.wa_id, to_timestamp(i.at_ms / 1000.0), i.message_id
				FROM unnest(:pns::text[], :waIds::text[], :ats::bigint[], :ids::text[]) AS i(pn, wa_id, at_ms, message_id)
				ON CONFLICT (phone_number_id, wa_id) DO UPDATE
				    SET last_inbound_at = EXCLUDED.last_inbound_at, last_message_id = EXCLUDED.last_message_id
				    WHERE windows.last_inbound_at < EXCLUDED.last_inbound_at
				""").bindArray("pns", String.class, inbound.stream().map(InboundMessages.Inbound::phoneNumberId).toList())
				.bindArray("waIds", String.class, inbound.stream().map(InboundMessages.Inbound::waId).toList())
				.bindArray("ats", Long.class, inbound.stream().map(i -> i.at().toEpochMilli()).toList())
				.bindArray("ids", String.class, inbound.stream().map(InboundMessages.Inbound::messageId).toList())
				.execute());
	}
}

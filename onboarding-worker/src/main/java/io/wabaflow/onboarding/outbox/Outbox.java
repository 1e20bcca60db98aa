package io.wabaflow.onboarding.outbox;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * The transactional outbox: whatever a step publishes (events, the next continuation, command results, registry
 * records) is written as a row in the same transaction as the flow's new state, and {@link OutboxRelay} publishes
 * it afterwards. So a crash between the commit and the publish loses nothing, and a flow never advances without
 * its continuation. Records may be published twice (after a crash mid-relay): every consumer of them is
 * idempotent (event ids, continuation versions, compacted registry, command ids).
 */
@Component
public class Outbox {

	private final AvroSerializer serializer = new AvroSerializer();

	private final OutboxRelay relay;

	Outbox(OutboxRelay relay) {
		this.relay = relay;
	}

	/** Adds a record to publish once the surrounding transaction commits. */
	public void add(Handle handle, String topic, String key, SpecificRecord value, Instant now) {
		handle.createUpdate("""
				INSERT INTO outbox (topic, message_key, payload, created_at) VALUES (:topic, :key, :payload, :now)
				""").bind("topic", topic).bind("key", key).bind("payload", serializer.serialize(topic, value))
				.bind("now", now).execute();
	}

	/** Call after a commit that added rows: publishes them now instead of at the relay's next tick. */
	public void committed() {
		relay.nudge();
	}
}

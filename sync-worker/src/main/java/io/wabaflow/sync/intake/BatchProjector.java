package io.wabaflow.sync.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * Projects one poll's records (from all source topics) into one generation: reads every record into
 * facts, writes them in one transaction, then reports the first poison record, if any.
 *
 * <p>A poison record (undecodable, or a webhook value that is not JSON) must not stop the partition nor
 * hold back the good records of its batch: the good ones are written first, then the poison one is
 * reported by index ({@link BatchListenerFailedException}); the error handler commits the offsets before
 * it, publishes it to {@code <topic>.dlt} and redelivers the rest, which the idempotent writes absorb.
 */
@Component
public class BatchProjector {

	private static final Logger log = LoggerFactory.getLogger(BatchProjector.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(BatchProjector.class);

	private final WebhookChangeReader webhooks = new WebhookChangeReader();

	private final OutboundEventReader outbound = new OutboundEventReader();

	private final RegistrationReader registrations = new RegistrationReader();

	private final MediaEventReader media = new MediaEventReader();

	private final ProjectionWriter writer;

	private final MeterRegistry meters;

	BatchProjector(Jdbi jdbi, ObjectProvider<MeterRegistry> meters) {
		this.writer = new ProjectionWriter(jdbi);
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	/** The listener of one generation's consumers. */
	public BatchMessageListener<String, Object> listenerFor(String schema) {
		return new ProjectionListener(this, schema);
	}

	void project(String schema, List<ConsumerRecord<String, Object>> records) {
		ProjectionBatch batch = new ProjectionBatch();
		Map<String, Integer> fields = new HashMap<>();
		int poisonIndex = -1;
		RuntimeException poison = null;
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, Object> record = records.get(i);
			if (record.value() instanceof WebhookChange change) {
				fields.merge(change.getField() == null ? "unknown" : change.getField(), 1, Integer::sum);
			}
			try {
				read(record, batch);
			}
			catch (PoisonRecordException | DeserializationException e) {
				if (poisonIndex < 0) {
					poisonIndex = i;
					poison = e;
				}
			}
		}
		writer.write(schema, batch);
		// webhook changes by field, modelled or kept raw: which fields a deployment receives, and how many
		fields.forEach((field, count) -> meters.counter("wabaflow.sync.webhook.changes", "field", field)
				.increment(count));
		if (poisonIndex >= 0) {
			ConsumerRecord<String, Object> bad = records.get(poisonIndex);
			log.warn("Poison record {}-{}@{} goes to the dead-letter topic: {}", bad.topic(), bad.partition(),
					bad.offset(), poison.getMessage());
			throw new BatchListenerFailedException(poison.getMessage(), poison, poisonIndex);
		}
	}

	private void read(ConsumerRecord<String, Object> record, ProjectionBatch batch) {
		Object value = record.value();
		if (value == null) {
			DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
			if (undecodable != null) {
				throw undecodable;
			}
			return; // a tombstone on the compacted registry: a number is never forgotten by the projection
		}
		// Readers must only throw PoisonRecordException before adding facts, so a poison record adds none.
		if (value instanceof WebhookChange change) {
			webhooks.read(change, batch);
		}
		else if (value instanceof MessageEvent event) {
			outbound.read(event, batch);
		}
		else if (value instanceof PhoneNumberRegistration registration) {
			registrations.read(registration, batch);
		}
		else if (value instanceof MediaEvent event) {
			media.read(event, batch);
		}
		else if (value instanceof SpecificRecord other) {
			throw new PoisonRecordException("Unexpected " + other.getSchema().getFullName() + " on " + record.topic());
		}
		else {
			throw new PoisonRecordException("Unexpected value " + value.getClass().getName() + " on " + record.topic());
		}
	}
}

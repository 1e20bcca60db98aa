package io.wabaflow.sync.intake;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * The Kafka listener of one generation: thin, it hands each poll to the {@link BatchProjector}.
 *
 * <p>Not an {@code @KafkaListener} method: a rebuild runs a second generation beside the live one, with
 * its own consumer group and its own tables, started and stopped at run time (see
 * {@code io.wabaflow.sync.rebuild}). Its containers come from Boot's container factory all the same, so
 * they get the platform's deserializers and conventions.
 */
final class ProjectionListener implements BatchMessageListener<String, Object> {

	private final BatchProjector projector;

	private final String schema;

	ProjectionListener(BatchProjector projector, String schema) {
		this.projector = projector;
		this.schema = schema;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, Object>> records) {
		projector.project(schema, records);
	}
}

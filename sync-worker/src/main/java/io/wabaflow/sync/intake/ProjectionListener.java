package io.wabaflow.sync.intake;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

import io.wabaflow.platform.kafka.TransientInfrastructureFailure;

/**
 * The Kafka listener of one generation: thin, it hands each poll to the {@link BatchProjector}.
 *
 * <p>Not an {@code @KafkaListener} method: a rebuild runs a second generation beside the live one, with
 * its own consumer group and its own tables, started and stopped at run time (see
 * {@code io.wabaflow.sync.rebuild}). Its containers come from Boot's container factory all the same, so
 * they get the platform's deserializers and conventions.
 */
final class ProjectionListener implements BatchMessageListener<String, Object> {

	private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

	private final BatchProjector projector;

	private final String schema;

	ProjectionListener(BatchProjector projector, String schema) {
		this.projector = projector;
		this.schema = schema;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, Object>> records) {
		try {
			projector.project(schema, records);
		}
		catch (BatchListenerFailedException poison) {
			throw poison; // reported and dead-lettered by the projector and the error handler
		}
		catch (RuntimeException failure) {
			// retried without end (a projection never dead-letters a good record): say why, or a generation that
			// can never catch up would wait in silence
			if (TransientInfrastructureFailure.isCause(failure)) {
				log.warn("Projecting into {} waits for the database: {}", schema, failure.toString());
			}
			else {
				log.warn("Projecting {} records into {} failed; the poll is retried: {}", records.size(), schema,
						failure.toString(), failure);
			}
			throw failure;
		}
	}
}

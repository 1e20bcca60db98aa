package io.wabaflow.sync.rebuild;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;

import io.wabaflow.platform.kafka.DeadLetterErrorHandlers;
import io.wabaflow.sync.SyncProperties;
import io.wabaflow.sync.intake.BatchProjector;

/**
 * The running consumers of each consuming generation: one container per generation, subscribed to every
 * source topic with the generation's own group, batch listener writing into the generation's schema.
 *
 * <p>Errors: a poison record (undecodable, or not JSON) is published to {@code <topic>.dlt} with the
 * platform's reason header and the partition moves on. Any other failure (the database is down) is
 * retried without end, the container pausing between attempts: a projection must not dead-letter good
 * records because PostgreSQL restarted. Thread-safe.
 */
@Component
public class ProjectionConsumers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProjectionConsumers.class);

	private final Map<Integer, ConcurrentMessageListenerContainer<?, ?>> containers = new ConcurrentHashMap<>();

	private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	private final BatchProjector projector;

	private final DefaultErrorHandler errorHandler;

	private final SyncProperties properties;

	ProjectionConsumers(ConcurrentKafkaListenerContainerFactory<Object, Object> factory, BatchProjector projector,
			@Qualifier("deadLetterKafkaTemplate") KafkaTemplate<Object, Object> deadLetterKafkaTemplate,
			ListenerContainerRegistry registry, SimpleAsyncTaskScheduler wabaflowKafkaBackOffScheduler,
			SyncProperties properties) {
		this.factory = factory;
		this.projector = projector;
		this.properties = properties;
		this.errorHandler = errorHandler(deadLetterKafkaTemplate, registry, wabaflowKafkaBackOffScheduler);
	}

	private static DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template,
			ListenerContainerRegistry registry, SimpleAsyncTaskScheduler scheduler) {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(30_000); // and no maximum elapsed time: retried until the database is back
		return DeadLetterErrorHandlers.create(template, registry, scheduler, backOff);
	}

	void ensureRunning(Generation generation) {
		containers.computeIfAbsent(generation.number(), number -> {
			ConcurrentMessageListenerContainer<Object, Object> container = factory
					.createContainer(SourceTopics.NAMES.toArray(String[]::new));
			container.getContainerProperties().setGroupId(generation.groupId());
			container.getContainerProperties().setClientId(generation.groupId());
			container.setBeanName(generation.groupId());
			container.setConcurrency(properties.concurrency());
			container.setCommonErrorHandler(errorHandler);
			container.setupMessageListener(projector.listenerFor(generation.schemaName()));
			container.start();
			log.info("Generation {} consumes {} as group {} into schema {}", number, SourceTopics.NAMES,
					generation.groupId(), generation.schemaName());
			return container;
		});
	}

	void stop(int generation) {
		ConcurrentMessageListenerContainer<?, ?> container = containers.remove(generation);
		if (container != null) {
			container.stop();
			log.info("Generation {} stopped consuming", generation);
		}
	}

	boolean running(int generation) {
		ConcurrentMessageListenerContainer<?, ?> container = containers.get(generation);
		return container != null && container.isRunning();
	}

	@Override
	public void destroy() {
		containers.keySet().forEach(this::stop);
	}
}

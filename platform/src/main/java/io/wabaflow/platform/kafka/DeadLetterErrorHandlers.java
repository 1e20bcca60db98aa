package io.wabaflow.platform.kafka;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;

/**
 * Error handlers that retry a failing record with a back-off — pausing the container, never sleeping on
 * the consumer thread — and then publish it to {@code <topic>.dlt} with the reason in headers. Decoding
 * failures and {@link PoisonRecordException}s skip the retries. The platform's default handler is one of
 * these; a consumer that must never dead-letter a good record for a transient cause (a projection while
 * the database is down) makes one with a back-off that does not end.
 */
public final class DeadLetterErrorHandlers {

	private DeadLetterErrorHandlers() {
	}

	public static DefaultErrorHandler create(KafkaTemplate<Object, Object> deadLetterTemplate,
			ListenerContainerRegistry registry, TaskScheduler scheduler, BackOff backOff) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
				(record, exception) -> new TopicPartition(DeadLetters.topicFor(record.topic()), -1));
		recoverer.setFailIfSendResultIsError(true); // a dead letter not acknowledged is retried, never dropped
		recoverer.setHeadersFunction(DeadLetters::reasonHeaders);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff,
				new ContainerPausingBackOffHandler(new ListenerContainerPauseService(registry, scheduler)));
		handler.addNotRetryableExceptions(PoisonRecordException.class);
		return handler;
	}
}

package io.wabaflow.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handlers that retry a failing record with a back-off — pausing the container, never sleeping on
 * the consumer thread — and then publish it to {@code <topic>.dlt} with the reason in headers. Decoding
 * failures and {@link PoisonRecordException}s skip the retries. A record that failed because the
 * database is away ({@link TransientInfrastructureFailure}) is good: it is retried, paused between tries
 * up to the back-off's longest interval, for as long as the outage lasts, never dead-lettered (a failure
 * of another kind on a later try starts the given back-off afresh). The platform's default handler is one
 * of these; a consumer that must never dead-letter a record for any transient cause (a projection) makes
 * one with a back-off that does not end.
 *
 * <p>They know the delay gate of delay topics too: a {@code KafkaBackoffException} ("this partition's head is not
 * due yet", thrown by a delay-topic listener) is neither a failure nor a dead letter; the record is sought back and
 * read again when the partition resumes.
 */
public final class DeadLetterErrorHandlers {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterErrorHandlers.class);

	private static final long OUTAGE_RETRY_MAX_INTERVAL_MS = 5_000;

	private DeadLetterErrorHandlers() {
	}

	private static BackOff untilTheOutageEnds(long longestWaitMs) {
		ExponentialBackOff backOff = new ExponentialBackOff(Math.min(200, longestWaitMs), 2.0);
		backOff.setMaxInterval(longestWaitMs); // retried every few seconds while the database is away
		return backOff; // no maximum elapsed time: as long as it takes
	}

	public static DefaultErrorHandler create(KafkaTemplate<Object, Object> deadLetterTemplate,
			ListenerContainerRegistry registry, TaskScheduler scheduler, BackOff backOff) {
		DeadLetterPublishingRecoverer recoverer = deadLetterPublisher(deadLetterTemplate);
		ConsumerRecordRecoverer recoverUnlessNotDue = (record, exception) -> {
			if (SeekUtils.isBackoffException(exception)) {
				// thrown back: the handler then seeks the record instead of recovering it
				throw (RuntimeException) exception;
			}
			recoverer.accept(record, exception);
		};
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverUnlessNotDue, backOff,
				new ContainerPausingBackOffHandler(new ListenerContainerPauseService(registry, scheduler)));
		handler.addNotRetryableExceptions(PoisonRecordException.class);
		long longestWait = backOff instanceof ExponentialBackOff exponential ? exponential.getMaxInterval()
				: OUTAGE_RETRY_MAX_INTERVAL_MS;
		handler.setBackOffFunction((record, failure) -> TransientInfrastructureFailure.isCause(failure)
				? untilTheOutageEnds(longestWait) : null);
		// the default, but relied upon: when the failure changes kind, the record's back-off is chosen again
		handler.setResetStateOnExceptionChange(true);
		handler.setRetryListeners(new FailedDeliveryLog());
		return handler;
	}

	/**
	 * Publishes a record to {@code <topic>.dlt} with Spring's {@code kafka_dlt-*} headers and our one-line reason, and
	 * throws unless the broker acknowledged it: a dead letter not acknowledged is retried, never dropped.
	 */
	static DeadLetterPublishingRecoverer deadLetterPublisher(KafkaTemplate<Object, Object> deadLetterTemplate) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
				(record, exception) -> new TopicPartition(DeadLetters.topicFor(record.topic()), -1));
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setHeadersFunction(DeadLetters::reasonHeaders);
		return recoverer;
	}

	/**
	 * Says why a record is being retried: without it a record retried for a long time (a projection's back-off never
	 * ends; an outage lasts) fails silently. Logged at the 1st, 2nd, 4th, 8th, ... delivery, so that a long retry does
	 * not flood the log; the record's position and the root cause only, never its value (it may hold personal data).
	 */
	static final class FailedDeliveryLog implements RetryListener {

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
			if (deliveryAttempt > 0 && (deliveryAttempt & (deliveryAttempt - 1)) == 0) {
				Throwable root = failure;
				while (root.getCause() != null && root.getCause() != root) {
					root = root.getCause();
				}
				log.warn("{}-{}@{} failed (delivery {}), retried{}: {}", record.topic(), record.partition(),
						record.offset(), deliveryAttempt,
						TransientInfrastructureFailure.isCause(failure) ? " until the infrastructure is back" : "",
						root.toString());
			}
		}
	}
}

package io.wabaflow.platform.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.scheduling.TaskScheduler;

/**
 * The error handling of listeners that return a {@link CompletableFuture}: the future they hand the container
 * completes only when the record is settled, processed or published to its dead-letter topic with the reason, and
 * never exceptionally.
 *
 * <p>Why not let the container handle a failed future: its path for those (seek back, pause the partition, async-ack
 * bookkeeping) is where Spring Kafka's recent bugs have been (spring-kafka GH-4198, GH-4332, GH-4465, GH-4504),
 * and we met one of our own: after a database outage longer than the pool's connection timeout, the onboarding
 * worker's command consumer stayed paused for good, and later signups waited for minutes. Retrying inside the future
 * keeps the container on its plain path: it stays paused for the record's acknowledgement, its offset is not
 * committed until the record settled, and a worker stopped meanwhile gets it again.
 *
 * <p>The rules are the platform's ({@link DeadLetterErrorHandlers}): a {@link PoisonRecordException} goes to the
 * dead-letter topic at once; a failure because the database is away ({@link TransientInfrastructureFailure}) is
 * retried for as long as the outage lasts, every few seconds at most, and never dead-lettered; any other failure is
 * retried {@code wabaflow.kafka.retries} times with an exponential back-off, then dead-lettered. Delays are scheduled,
 * never slept.
 */
public final class AsyncRecordSettler {

	private static final Logger log = LoggerFactory.getLogger(AsyncRecordSettler.class);

	private final ConsumerRecordRecoverer deadLetters;

	private final TaskScheduler scheduler;

	private final int retries;

	private final Duration initialInterval;

	private final Duration maxInterval;

	AsyncRecordSettler(ConsumerRecordRecoverer deadLetters, TaskScheduler scheduler, WabaflowKafkaProperties properties) {
		this.deadLetters = deadLetters;
		this.scheduler = scheduler;
		this.retries = properties.getRetries();
		this.initialInterval = properties.getRetryInitialInterval();
		this.maxInterval = properties.getRetryMaxInterval();
	}

	/**
	 * Runs {@code work} for {@code record} (again after each failure, as the rules say); the future completes when the
	 * record is settled. {@code work} may throw instead of answering a failed future: the same rules apply.
	 */
	public CompletableFuture<Void> settle(ConsumerRecord<?, ?> record, Supplier<? extends CompletableFuture<?>> work) {
		CompletableFuture<Void> settled = new CompletableFuture<>();
		new Attempts(record, work, settled).run();
		return settled;
	}

	Duration backOff(int failure) {
		long millis = initialInterval.toMillis() << Math.min(Math.max(failure - 1, 0), 20);
		return Duration.ofMillis(Math.min(millis, maxInterval.toMillis()));
	}

	private final class Attempts {

		private final ConsumerRecord<?, ?> record;

		private final Supplier<? extends CompletableFuture<?>> work;

		private final CompletableFuture<Void> settled;

		private int deliveries;

		/** Failures that count towards the dead letter: not those of an outage. */
		private int failures;

		private int outageFailures;

		Attempts(ConsumerRecord<?, ?> record, Supplier<? extends CompletableFuture<?>> work,
				CompletableFuture<Void> settled) {
			this.record = record;
			this.work = work;
			this.settled = settled;
		}

		void run() {
			deliveries++;
			CompletableFuture<?> result;
			try {
				result = work.get();
			}
			catch (RuntimeException e) {
				result = CompletableFuture.failedFuture(e);
			}
			result.whenComplete((ok, failure) -> {
				if (failure == null) {
					settled.complete(null);
				}
				else {
					failed(unwrap(failure));
				}
			});
		}

		private void failed(Throwable failure) {
			boolean poison = causedBy(failure, PoisonRecordException.class);
			boolean outage = !poison && TransientInfrastructureFailure.isCause(failure);
			if (outage) {
				outageFailures++;
				failures = 0; // as the container's handler: a failure of another kind later starts its back-off afresh
			}
			else {
				failures++;
				outageFailures = 0;
			}
			boolean deadLetter = poison || (!outage && failures > retries);
			if ((deliveries & (deliveries - 1)) == 0 || deadLetter) {
				log.warn("{}-{}@{} failed (delivery {}), {}: {}", record.topic(), record.partition(), record.offset(),
						deliveries, deadLetter ? "dead-lettered" : outage ? "retried until the infrastructure is back"
								: "retried", rootCause(failure).toString());
			}
			if (deadLetter) {
				scheduler.schedule(() -> deadLetter(failure), scheduler.getClock().instant());
			}
			else {
				scheduler.schedule(this::run, scheduler.getClock().instant().plus(backOff(outage ? outageFailures : failures)));
			}
		}

		private void deadLetter(Throwable failure) {
			try {
				deadLetters.accept(record, failure instanceof Exception e ? e : new IllegalStateException(failure));
				settled.complete(null);
			}
			catch (RuntimeException e) {
				// the dead letter was not acknowledged: the record is not settled, it is published again
				log.warn("{}-{}@{} could not be dead-lettered, trying again in {}: {}", record.topic(), record.partition(),
						record.offset(), maxInterval, e.toString());
				scheduler.schedule(() -> deadLetter(failure), scheduler.getClock().instant().plus(maxInterval));
			}
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}
}

package io.wabaflow.ingress.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wabaflow.ingress.IngressProperties;

/**
 * Publishes records and tells when <em>all</em> of them are durable: acknowledged by the broker with
 * {@code acks=all} (platform default). Never blocks the caller beyond the producer's {@code max.block.ms}
 * and never waits longer than the publish timeout, so a request that depends on it gets its answer in
 * bounded time even when the broker is gone. Thread-safe.
 */
@Component
public class DurablePublisher {

	private final KafkaTemplate<String, SpecificRecord> template;

	private final Duration timeout;

	private final MeterRegistry meters;

	DurablePublisher(KafkaTemplate<String, SpecificRecord> template, IngressProperties properties, MeterRegistry meters) {
		this.template = template;
		this.timeout = properties.publishTimeout();
		this.meters = meters;
	}

	/**
	 * Sends every record and completes when the broker acknowledged all of them; completes exceptionally
	 * (with {@link NotDurableException}) when any send fails or the publish timeout passes first. Some
	 * records may then be durable and others not: the caller answers so that the sender retries, and
	 * consumers drop the duplicates by event id.
	 *
	 * @param use what is published, the {@code use} tag of the latency metric ({@code webhook}, {@code command}, ...)
	 */
	public CompletableFuture<Void> publishAll(String use, List<ProducerRecord<String, SpecificRecord>> records) {
		Timer.Sample sample = Timer.start(meters);
		long deadline = System.nanoTime() + timeout.toNanos();
		CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
		for (int i = 0; i < acks.length; i++) {
			acks[i] = send(records.get(i));
		}
		long remaining = Math.max(0, deadline - System.nanoTime());
		return CompletableFuture.allOf(acks)
				.orTimeout(remaining, TimeUnit.NANOSECONDS)
				.handle((ok, failure) -> {
					String outcome = failure == null ? "acknowledged"
							: unwrap(failure) instanceof TimeoutException ? "timeout" : "failed";
					sample.stop(meters.timer("wabaflow.ingress.publish", "use", use, "outcome", outcome));
					if (failure != null) {
						Throwable cause = unwrap(failure);
						throw new NotDurableException(records.size() + " record(s) not acknowledged within " + timeout + ": "
								+ cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
					}
					return null;
				});
	}

	private CompletableFuture<?> send(ProducerRecord<String, SpecificRecord> record) {
		try {
			return template.send(record);
		}
		catch (RuntimeException e) {
			// the producer can refuse synchronously (no metadata within max.block.ms, closed producer)
			return CompletableFuture.failedFuture(e);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** The broker did not acknowledge in time: nothing may be answered as accepted. */
	public static final class NotDurableException extends RuntimeException {

		NotDurableException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}

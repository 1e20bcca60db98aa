package io.wabaflow.onboarding.polling;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * How long the Kafka consumer threads spend inside the worker's listeners per record (they only hand records
 * over: no Graph call, no sleep, no wait). Measured so that a test, or an operator, can see it.
 */
@Component
public class ListenerTimings {

	private final LongAdder records = new LongAdder();

	private final LongAdder totalNanos = new LongAdder();

	private final AtomicLong maxNanos = new AtomicLong();

	public void record(long nanos) {
		records.increment();
		totalNanos.add(nanos);
		maxNanos.accumulateAndGet(nanos, Math::max);
	}

	public long records() {
		return records.sum();
	}

	public long totalNanos() {
		return totalNanos.sum();
	}

	public long maxNanos() {
		return maxNanos.get();
	}
}

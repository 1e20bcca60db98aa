package io.wabaflow.sender.throughput;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The rate of one business number, asked without ever blocking: {@link #tryAcquire()} either counts one
 * send and answers 0, or answers how long to wait.
 *
 * <p>Two rules, both must allow a send:
 * <ul>
 * <li>a Bucket4j token bucket (capacity {@code burst}, refilled greedily at N per second) paces sends
 * evenly instead of letting a second's worth leave at once;</li>
 * <li>a sliding log of the last N send times guarantees the hard limit: never more than N sends in any
 * window of one second plus the jitter allowance. A token bucket alone allows up to N + capacity in a
 * sliding second; the allowance is what keeps the count at Meta, after the network, at N.</li>
 * </ul>
 * Not thread-safe: a {@code Lane} uses it under its own lock.
 */
public final class RateGate {

	private final int perSecond;

	private final Bucket bucket;

	private final long[] sentAt;

	private final long windowNanos;

	private final LongSupplier nanoTime;

	private int next;

	private int filled;

	public RateGate(int perSecond, Duration burst, Duration jitterAllowance, LongSupplier nanoTime) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("messages per second must be at least 1, not " + perSecond);
		}
		this.perSecond = perSecond;
		this.nanoTime = nanoTime;
		this.sentAt = new long[perSecond];
		this.windowNanos = Duration.ofSeconds(1).plus(jitterAllowance).toNanos();
		long capacity = Math.max(1, Math.round(perSecond * (burst.toNanos() / 1e9)));
		TimeMeter meter = new NanoMeter(nanoTime);
		this.bucket = Bucket.builder()
				.addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
				.withCustomTimePrecision(meter).build();
	}

	public int perSecond() {
		return perSecond;
	}

	/** 0 when one send may leave now (it is counted), else the nanoseconds until one may. */
	public long tryAcquire() {
		long now = nanoTime.getAsLong();
		if (filled == perSecond) {
			long wait = sentAt[next] + windowNanos - now; // sentAt[next] is the oldest of the last N
			if (wait > 0) {
				return wait;
			}
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			return Math.max(1, probe.getNanosToWaitForRefill());
		}
		sentAt[next] = now;
		next = (next + 1) % perSecond;
		if (filled < perSecond) {
			filled++;
		}
		return 0;
	}
}

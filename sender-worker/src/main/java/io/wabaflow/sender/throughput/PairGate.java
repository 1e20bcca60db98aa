package io.wabaflow.sender.throughput;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Meta's pair rate, kept before Meta enforces it (facts 4.5): one message from a number to the same user every
 * {@code interval}, with bursts of up to {@code burst} borrowed against that quota; beyond it Meta answers 131056.
 * One Bucket4j bucket per (number, user), refilled one token per interval plus a margin (Meta counts arrivals, and a
 * burst's first message may arrive later than the next ones: without the margin two arrivals could be closer than the
 * interval). Buckets of users not written to for longer
 * than a full refill are dropped: a new one starts full, which is what the dropped one had become. Thread-safe.
 */
public final class PairGate {

	private final int burst;

	private final Duration period;

	private final LongSupplier nanoTime;

	private final TimeMeter meter;

	private final Map<String, Pair> pairs = new ConcurrentHashMap<>();

	private final AtomicLong takes = new AtomicLong();

	private record Pair(Bucket bucket, AtomicLong lastUsed) {
	}

	/** @param burst 0 or less: no pacing ({@link #tryTake} always answers 0) */
	public PairGate(int burst, Duration interval, Duration margin, LongSupplier nanoTime) {
		this.burst = burst;
		this.period = interval.plus(margin);
		this.nanoTime = nanoTime;
		this.meter = new NanoMeter(nanoTime);
	}

	/** 0 when a message to the user may leave now (it is counted), else the nanoseconds until one may. */
	public long tryTake(String phoneNumberId, String recipient) {
		if (burst <= 0 || recipient == null || recipient.isEmpty()) {
			return 0;
		}
		long now = nanoTime.getAsLong();
		if (takes.incrementAndGet() % 4096 == 0) {
			forgetIdle(now);
		}
		Pair pair = pairs.computeIfAbsent(phoneNumberId + "|" + recipient, key -> new Pair(Bucket.builder()
				.addLimit(limit -> limit.capacity(burst).refillGreedy(1, period)).withCustomTimePrecision(meter).build(),
				new AtomicLong(now)));
		pair.lastUsed().set(now);
		ConsumptionProbe probe = pair.bucket().tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

	int size() {
		return pairs.size();
	}

	/** Drops the pairs idle for longer than a full refill (their buckets are full again). */
	void forgetIdle(long now) {
		long full = period.toNanos() * burst;
		pairs.values().removeIf(pair -> now - pair.lastUsed().get() > full);
	}
}

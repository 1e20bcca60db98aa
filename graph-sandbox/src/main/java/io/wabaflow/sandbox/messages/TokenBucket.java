package io.wabaflow.sandbox.messages;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket over the sandbox clock: {@code capacity} tokens, refilled continuously at {@code perSecond}.
 * Backs the per-number throughput (capacity = one second of traffic) and the pair rate limit (capacity = the burst,
 * refilled one message per 6 s).
 */
final class TokenBucket {

	private final double capacity;
	private final double perSecond;
	private double tokens;
	private Instant last;

	TokenBucket(double capacity, double perSecond, Instant now) {
		this.capacity = capacity;
		this.perSecond = perSecond;
		this.tokens = capacity;
		this.last = now;
	}

	synchronized boolean tryTake(Instant now) {
		if (now.isAfter(last)) {
			double seconds = Duration.between(last, now).toNanos() / 1e9;
			tokens = Math.min(capacity, tokens + seconds * perSecond);
			last = now;
		}
		// tolerate the rounding of elapsed × rate (6 s × 1/6 per second must make a whole token)
		if (tokens >= 1.0 - 1e-9) {
			tokens = Math.max(0, tokens - 1.0);
			return true;
		}
		return false;
	}

	double capacity() {
		return capacity;
	}

	double perSecond() {
		return perSecond;
	}
}

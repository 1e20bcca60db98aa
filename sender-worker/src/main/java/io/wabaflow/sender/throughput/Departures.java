package io.wabaflow.sender.throughput;

import java.time.Duration;

/**
 * The hard per-number limit at the moment a request leaves: at most N departures in any window of one
 * second plus the jitter allowance. Each claimed send reserves the earliest moment it may leave, which is
 * now unless the N-th departure before it was less than a window ago. Reservations only move forward, so
 * sends leave in the order they reserved.
 *
 * <p>Why here as well as in the lane's {@link RateGate}: between taking a token and the call there is the
 * claim's database round trip, and claims are batched. Sends paced 20 ms apart can come out of a slow
 * batch together; this puts the spacing back. Not thread-safe: used under its lane's lock.
 */
final class Departures {

	private final long[] slots;

	private final long windowNanos;

	private int next;

	private int filled;

	Departures(int perSecond, Duration jitterAllowance) {
		this.slots = new long[perSecond];
		this.windowNanos = Duration.ofSeconds(1).plus(jitterAllowance).toNanos();
	}

	int perSecond() {
		return slots.length;
	}

	/** Reserves a departure; returns how many nanoseconds from {@code now} it is (0: at once). */
	long reserve(long now) {
		long at = now;
		if (filled == slots.length) {
			at = Math.max(now, slots[next] + windowNanos); // slots[next] is the N-th departure back
		}
		slots[next] = at;
		next = (next + 1) % slots.length;
		if (filled < slots.length) {
			filled++;
		}
		return at - now;
	}
}

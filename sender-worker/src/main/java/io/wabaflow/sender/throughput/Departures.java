package io.wabaflow.sender.throughput;

import java.time.Duration;

/**
 * The hard per-number limit at the moment a request leaves: at most N departures in any window of one
 * second plus the jitter allowance. A send asks at the moment it would leave; it may if the N-th departure
 * before it is more than a window ago, and its departure is recorded then and there, never as a slot planned
 * in advance: a timer that fires late (a busy or paused thread) would otherwise bunch a planned slot with
 * the ones after it. A send told to wait asks again when told.
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

	/** 0 when a send may leave now (its departure is counted), else the nanoseconds to wait. */
	long tryDepart(long now) {
		if (filled == slots.length) {
			long wait = slots[next] + windowNanos - now; // slots[next] is the N-th departure back
			if (wait > 0) {
				return wait;
			}
		}
		slots[next] = now;
		next = (next + 1) % slots.length;
		if (filled < slots.length) {
			filled++;
		}
		return 0;
	}
}

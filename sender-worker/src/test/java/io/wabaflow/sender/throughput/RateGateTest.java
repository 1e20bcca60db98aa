package io.wabaflow.sender.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The lane's gate on a fake clock: even pacing, and never more than N in any window of 1 s + allowance. */
class RateGateTest {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	@Test
	void pacesEvenlyWithABurstOfTwentyMilliseconds() {
		RateGate gate = new RateGate(50, Duration.ofMillis(20), Duration.ofMillis(20), now::get);

		assertThat(gate.tryAcquire()).isZero(); // the burst: 1 token at 50/s
		long wait = gate.tryAcquire();
		assertThat(wait).isBetween(19_000_000L, 20_000_000L); // the next one 20 ms later
		now.addAndGet(wait);
		assertThat(gate.tryAcquire()).isZero();
	}

	@Test
	void neverAllowsMoreThanNInAnyWindowWhateverTheCallerDoes() {
		int perSecond = 1000;
		RateGate gate = new RateGate(perSecond, Duration.ofMillis(20), Duration.ofMillis(20), now::get);
		List<Long> sent = new ArrayList<>();
		// a greedy caller: asks again exactly when told, for 5 simulated seconds
		long end = now.get() + 5_000_000_000L;
		while (now.get() < end) {
			long wait = gate.tryAcquire();
			if (wait == 0) {
				sent.add(now.get());
			}
			else {
				now.addAndGet(wait);
			}
		}
		assertThat(maxInWindow(sent, 1_000_000_000L)).isLessThanOrEqualTo(perSecond);
		assertThat(maxInWindow(sent, 1_020_000_000L)).isLessThanOrEqualTo(perSecond);
		// and it still drives the number at its rate (one second plus the allowance per N)
		assertThat(sent.size() / 5.0).isGreaterThan(perSecond / 1.02 - 10);
	}

	@Test
	void departuresSpaceOutWhatAClaimBatchBunchedUpEvenWhenTimersFireLate() {
		Departures departures = new Departures(50, Duration.ofMillis(20));
		List<Long> left = new ArrayList<>();
		java.util.Random late = new java.util.Random(7);
		int waiting = 0;
		while (left.size() < 300) {
			if (waiting == 0) {
				waiting = 25; // a batch of 25 claimed at once
			}
			long wait = departures.tryDepart(now.get());
			if (wait == 0) {
				left.add(now.get());
				waiting--;
			}
			else {
				now.addAndGet(wait + late.nextInt(40_000_000)); // the timer fires up to 40 ms late
			}
		}
		assertThat(maxInWindow(left, 1_000_000_000L)).isLessThanOrEqualTo(50);
		assertThat(maxInWindow(left, 1_020_000_000L)).isLessThanOrEqualTo(50);
	}

	static int maxInWindow(List<Long> sorted, long window) {
		int max = 0;
		int first = 0;
		for (int last = 0; last < sorted.size(); last++) {
			while (sorted.get(first) + window <= sorted.get(last)) {
				first++;
			}
			max = Math.max(max, last - first + 1);
		}
		return max;
	}
}

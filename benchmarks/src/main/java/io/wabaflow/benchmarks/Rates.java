package io.wabaflow.benchmarks;

import java.util.Arrays;

/** Counting over time stamps: the busiest sliding second, and rates between the first and the last stamp. */
final class Rates {

	private Rates() {
	}

	/** The most stamps in any window [t, t + 1 s) — a calendar-second count would miss a burst across two. */
	static int maxInAnySecond(long[] epochMillis) {
		long[] sorted = epochMillis.clone();
		Arrays.sort(sorted);
		int max = 0;
		int first = 0;
		for (int last = 0; last < sorted.length; last++) {
			while (sorted[first] + 1_000 <= sorted[last]) {
				first++;
			}
			max = Math.max(max, last - first + 1);
		}
		return max;
	}

	/** Stamps per second between the first and the last (n stamps span n - 1 intervals). */
	static double between(long[] epochMillis) {
		long first = Arrays.stream(epochMillis).min().orElse(0);
		long last = Arrays.stream(epochMillis).max().orElse(0);
		return last == first ? 0 : (epochMillis.length - 1) * 1_000.0 / (last - first);
	}

	static double perSecond(long count, long nanos) {
		return count * 1e9 / nanos;
	}
}

package io.wabaflow.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A benchmark's wait for something to happen: a poll with a deadline (a program's loop, not a test's wait). */
final class Polling {

	private Polling() {
	}

	/** Whether the condition came true before the timeout. */
	static boolean until(BooleanSupplier condition, Duration timeout, long everyMillis) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(everyMillis);
		}
		return true;
	}

	/** Waits for the condition, or fails naming what never happened. */
	static void await(String what, BooleanSupplier condition, Duration timeout, long everyMillis)
			throws InterruptedException {
		if (!until(condition, timeout, everyMillis)) {
			throw new IllegalStateException("gave up waiting for " + what + " after " + timeout);
		}
	}
}

package io.wabaflow.sandbox.runtime;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts resets. Work scheduled before a reset (a status webhook due in 200 ms, a delivery retry) captures the
 * generation and does nothing when it runs in a newer one: its world is gone.
 */
@Component
public class Generation {

	private final AtomicLong current = new AtomicLong();

	public long current() {
		return current.get();
	}

	public boolean isCurrent(long generation) {
		return current.get() == generation;
	}

	void next() {
		current.incrementAndGet();
	}
}

package io.wabaflow.sandbox.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's notion of "now": a base clock plus an offset that the scenario API can advance, so that "24 h
 * after onboarding" or "the window closed" takes no real time. Scheduling delays (status progression, retries)
 * stay in real time; only the timestamps and the time-based rules read this clock.
 */
public final class SandboxClock extends Clock {

	private final Clock base;
	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	public SandboxClock(Clock base) {
		this.base = base;
	}

	public void advance(Duration by) {
		offset.accumulateAndGet(by, Duration::plus);
	}

	public Duration offset() {
		return offset.get();
	}

	public void reset() {
		offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return base.instant().plus(offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the sandbox runs in UTC");
	}
}

package io.wabaflow.sender.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real clock plus an offset that a test moves forward ("24 h later" in no time). */
final class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	void advance(Duration by) {
		offset = offset.plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset);
	}
}

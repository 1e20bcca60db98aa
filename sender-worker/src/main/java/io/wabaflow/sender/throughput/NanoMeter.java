package io.wabaflow.sender.throughput;

import java.util.function.LongSupplier;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time read from a monotonic nanosecond source ({@code System.nanoTime}, or a test's). */
final class NanoMeter implements TimeMeter {

	private final LongSupplier nanoTime;

	NanoMeter(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	@Override
	public long currentTimeNanos() {
		return nanoTime.getAsLong();
	}

	@Override
	public boolean isWallClockBased() {
		return false;
	}
}

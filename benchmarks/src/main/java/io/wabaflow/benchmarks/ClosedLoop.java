package io.wabaflow.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: exactly {@code concurrency} threads, each sending its next request as soon as the
 * previous one answered, so exactly that many requests are in flight all the time. A warm-up phase (JIT, connection
 * pools, the broker's first batches) is run and thrown away; then every request's latency is recorded for the
 * measured phase. Latencies are kept whole (a sorted array), not bucketed.
 */
final class ClosedLoop {

	/** One request; answers whether it succeeded (a failure still counts its latency, and is reported). */
	@FunctionalInterface
	interface Call {
		boolean call(long sequence) throws Exception;
	}

	record Result(long ok, long failed, double seconds, long[] sortedNanos) {

		double perSecond() {
			return ok / seconds;
		}

		double percentileMillis(double percentile) {
			if (sortedNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
			return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
		}

		String summary() {
			return "%,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms (%,d ok, %,d failed in %.1f s)".formatted(perSecond(),
					percentileMillis(50), percentileMillis(99), percentileMillis(100), ok, failed, seconds);
		}
	}

	private final int concurrency;

	private final Duration warmUp;

	private final Duration measured;

	ClosedLoop(int concurrency, Duration warmUp, Duration measured) {
		this.concurrency = concurrency;
		this.warmUp = warmUp;
		this.measured = measured;
	}

	Result run(String name, Call call) throws InterruptedException {
		AtomicLong sequence = new AtomicLong();
		long start = System.nanoTime();
		long measureFrom = start + warmUp.toNanos();
		long measureUntil = measureFrom + measured.toNanos();
		List<Recorder> recorders = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(concurrency);
		for (int t = 0; t < concurrency; t++) {
			Recorder recorder = new Recorder();
			recorders.add(recorder);
			Thread thread = new Thread(() -> {
				try {
					while (true) {
						long sent = System.nanoTime();
						if (sent >= measureUntil) {
							return;
						}
						boolean ok;
						try {
							ok = call.call(sequence.getAndIncrement());
						}
						catch (Exception e) {
							ok = false;
							recorder.lastError = e;
						}
						// only requests sent and answered inside the measured phase count
						long answered = System.nanoTime();
						if (sent >= measureFrom && answered <= measureUntil) {
							recorder.record(answered - sent, ok);
						}
					}
				}
				finally {
					done.countDown();
				}
			}, name + "-load-" + t);
			thread.setDaemon(true);
			thread.start();
		}
		done.await();
		long ok = recorders.stream().mapToLong(r -> r.ok).sum();
		long failed = recorders.stream().mapToLong(r -> r.failed).sum();
		recorders.stream().filter(r -> r.lastError != null).findFirst()
				.ifPresent(r -> System.out.println("  (a failed request of " + name + ": " + r.lastError + ")"));
		long[] all = recorders.stream().flatMapToLong(r -> Arrays.stream(r.nanos, 0, r.size)).sorted().toArray();
		return new Result(ok, failed, measured.toNanos() / 1e9, all);
	}

	/** One thread's latencies: no sharing, no locks on the request path. */
	private static final class Recorder {

		long[] nanos = new long[1 << 14];

		int size;

		long ok;

		long failed;

		Exception lastError;

		void record(long latency, boolean success) {
			if (size == nanos.length) {
				nanos = Arrays.copyOf(nanos, size * 2);
			}
			nanos[size++] = latency;
			if (success) {
				ok++;
			}
			else {
				failed++;
			}
		}
	}
}

package io.wabaflow.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the states of a service's Kafka consumer threads (Spring Kafka names them {@code <prefix>…-C-<n>}) while a
 * benchmark runs. A consumer thread may wait inside Kafka's {@code poll} (that is what polling is); a sample that
 * finds one BLOCKED, WAITING or TIMED_WAITING anywhere else is told apart by where: while handling records (a frame
 * of the worker's code or of the container invoking the listener on the stack: a lock, a sleep, a future's get, a
 * connection pool) — what "blocked" means here, and must be zero — or in the machinery around the handling: another
 * call of the Kafka client (a synchronous commit waiting for the coordinator's lock, which the client's heartbeat
 * thread shares) or the listener container's own poll loop (its pause/resume bookkeeping, briefly contended by
 * the thread that pauses or resumes a partition).
 */
final class ConsumerThreads implements AutoCloseable {

	final AtomicLong samples = new AtomicLong();

	final AtomicLong waitingInMachinery = new AtomicLong();

	final AtomicLong blockedElsewhere = new AtomicLong();

	final List<String> examples = new CopyOnWriteArrayList<>();

	final Set<String> threads = ConcurrentHashMap.newKeySet();

	private final String prefix;

	private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();

	private final ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "consumer-thread-sampler"));

	ConsumerThreads(String prefix, long everyMillis) {
		this.prefix = prefix;
		scheduler.scheduleAtFixedRate(this::sample, 0, everyMillis, TimeUnit.MILLISECONDS);
	}

	/** The figure that must be zero: a consumer thread held up by the worker (or Spring) rather than by Kafka. */
	long blocked() {
		return blockedElsewhere.get();
	}

	String summary() {
		return ("%,d samples of %d consumer threads; blocked or waiting while handling records: %,d (must be 0); "
				+ "waiting around the handling, in a Kafka client call other than poll (a commit) or in the listener "
				+ "container's poll loop: %,d")
				.formatted(samples.get(), threads.size(), blockedElsewhere.get(), waitingInMachinery.get());
	}

	private void sample() {
		for (ThreadInfo info : bean.dumpAllThreads(false, false, 48)) {
			if (info == null || !info.getThreadName().startsWith(prefix) || !info.getThreadName().contains("-C-")) {
				continue;
			}
			threads.add(info.getThreadName());
			samples.incrementAndGet();
			boolean waiting = switch (info.getThreadState()) {
				case BLOCKED, WAITING, TIMED_WAITING -> true;
				default -> false;
			};
			StackTraceElement[] stack = info.getStackTrace();
			if (!waiting || Arrays.stream(stack).anyMatch(ConsumerThreads::kafkaPoll)) {
				continue;
			}
			boolean handling = Arrays.stream(stack).anyMatch(ConsumerThreads::handlingRecords);
			(handling ? blockedElsewhere : waitingInMachinery).incrementAndGet();
			// the examples printed are of what must be zero
			if (handling && examples.size() < 5) {
				examples.add(info.getThreadName() + " " + info.getThreadState() + " at "
						+ Arrays.toString(Arrays.copyOf(stack, Math.min(stack.length, 10))));
			}
		}
	}

	private static boolean handlingRecords(StackTraceElement frame) {
		return frame.getClassName().startsWith("io.wabaflow.")
				|| (frame.getClassName().startsWith("org.springframework.kafka.listener.")
						&& frame.getMethodName().startsWith("doInvoke"));
	}

	private static boolean kafkaPoll(StackTraceElement frame) {
		return frame.getClassName().startsWith("org.apache.kafka.clients.consumer") && frame.getMethodName().equals("poll");
	}

	@Override
	public void close() throws InterruptedException {
		scheduler.shutdown();
		scheduler.awaitTermination(10, TimeUnit.SECONDS);
	}
}

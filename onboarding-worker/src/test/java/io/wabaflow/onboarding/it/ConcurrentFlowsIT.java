package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.onboarding.polling.ListenerTimings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;

/**
 * 1,000 flows at once, each creating its WABA (strategy 2A) and polling four times for it through the poll delay
 * topic, on a 2-core machine. The proof that no consumer thread ever waits: while the flows run, every consumer
 * thread of the worker is sampled every few milliseconds and no sample catches one sleeping, waiting or blocked
 * inside the worker's code; and the time each spends per record is measured.
 */
class ConcurrentFlowsIT extends OnboardingITSupport {

	private static final int FLOWS = 1000;

	private static final int POLLS = 4;

	private final ScenarioClient scenario = Sandbox.scenario();

	@Autowired
	ListenerTimings timings;

	record Signup(String tenant, String business, String commandId) {
	}

	@Test
	void aThousandFlowsPollConcurrentlyWithoutBlockingAConsumerThread() throws Exception {
		String run = unique("load");
		List<Signup> signups = new ArrayList<>();
		ExecutorService setup = Executors.newFixedThreadPool(8);
		List<Future<Signup>> prepared = new ArrayList<>();
		for (int i = 0; i < FLOWS; i++) {
			String tenant = run + "-" + i;
			prepared.add(setup.submit(() -> {
				String business = scenario.createBusiness("Loja " + tenant);
				scenario.wabaCreation(business, "2A", POLLS - 1); // visible on the fourth poll
				return new Signup(tenant, business, unique("cmd"));
			}));
		}
		for (Future<Signup> signup : prepared) {
			signups.add(signup.get(60, TimeUnit.SECONDS));
		}
		// codes live 30 s: issue them last, all at once
		Map<String, String> codes = new ConcurrentHashMap<>();
		List<Future<?>> issued = signups.stream()
				.<Future<?>>map(s -> setup.submit(() -> codes.put(s.tenant(), scenario.signupCode(s.business())))).toList();
		for (Future<?> code : issued) {
			code.get(60, TimeUnit.SECONDS);
		}
		setup.shutdown();
		long pollRecordsBefore = watcher.continuations(Topics.ONBOARDING_STEPS_DELAY_POLL.name());
		long recordsBefore = timings.records();
		long nanosBefore = timings.totalNanos();
		ConsumerThreadSampler sampler = new ConsumerThreadSampler();
		sampler.start();

		long started = System.nanoTime();
		for (Signup signup : signups) {
			producer().send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(),
					signup.tenant(), startOnboarding(signup.commandId(), signup.tenant(), codes.get(signup.tenant()), null,
							null, signup.business(), "FINISH_ONLY_WABA")));
		}
		producer().flush();
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> signups.stream()
				.allMatch(s -> watcher.results(s.commandId()).stream().anyMatch(r -> r.getHttpStatus() == 200)));
		Duration wall = Duration.ofNanos(System.nanoTime() - started);
		sampler.stop();

		long failed = signups.stream().filter(s -> watcher.results(s.commandId()).stream()
				.anyMatch(r -> r.getHttpStatus() != 200)).count();
		assertThat(failed).isZero();
		long polls = jdbi.withHandle(handle -> handle.createQuery("""
				SELECT count(*) FROM integration_log WHERE tenant_id LIKE :run AND step = 'waba_polling'
				""").bind("run", run + "-%").mapTo(Long.class).one());
		assertThat(polls).as("four polls per flow").isEqualTo((long) FLOWS * POLLS);
		long completed = jdbi.withHandle(handle -> handle.createQuery("""
				SELECT count(*) FROM flows WHERE tenant_id LIKE :run AND state = 'COMPLETED' AND strategy_used = '2A'
				""").bind("run", run + "-%").mapTo(Long.class).one());
		assertThat(completed).isEqualTo(FLOWS);
		long pollRecords = watcher.continuations(Topics.ONBOARDING_STEPS_DELAY_POLL.name()) - pollRecordsBefore;
		assertThat(pollRecords).as("every poll waited on the poll delay topic").isGreaterThanOrEqualTo((long) FLOWS * POLLS);

		long records = timings.records() - recordsBefore;
		double averageMicros = (timings.totalNanos() - nanosBefore) / 1_000.0 / Math.max(1, records);
		System.out.printf("%,d flows (each: code exchange, discovery, strategy 2A, %d polls %s apart through the poll "
				+ "delay topic, subscription) completed in %,d ms wall time%n", FLOWS, POLLS, "150 ms", wall.toMillis());
		System.out.printf("Consumer threads: %,d records handed over, %.1f µs on average, %.2f ms at most; %,d samples "
				+ "of %d consumer threads, %d caught waiting inside the worker's code%n", records, averageMicros,
				timings.maxNanos() / 1e6, sampler.samples.get(), sampler.threads.size(), sampler.waitingInWorker.get());
		assertThat(sampler.samples.get()).isPositive();
		assertThat(sampler.waitingInWorker.get()).as("samples of a consumer thread waiting in the worker's code: "
				+ sampler.examples).isZero();
	}

	/**
	 * Samples the stacks of the worker's Kafka consumer threads ({@code onboarding-*-C-*}). A consumer thread may wait
	 * inside the Kafka client (that is polling); it must never be found sleeping, waiting or blocked while one of the
	 * worker's own frames is on its stack.
	 */
	static final class ConsumerThreadSampler {

		final AtomicLong samples = new AtomicLong();

		final AtomicLong waitingInWorker = new AtomicLong();

		final List<String> examples = new java.util.concurrent.CopyOnWriteArrayList<>();

		final java.util.Set<String> threads = ConcurrentHashMap.newKeySet();

		private final java.util.concurrent.ScheduledExecutorService scheduler = Executors
				.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "consumer-thread-sampler"));

		private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();

		void start() {
			scheduler.scheduleAtFixedRate(this::sampleOnce, 0, 5, TimeUnit.MILLISECONDS);
		}

		void stop() throws InterruptedException {
			scheduler.shutdown();
			scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}

		private void sampleOnce() {
			for (ThreadInfo info : bean.dumpAllThreads(false, false, 64)) {
				if (info == null || !info.getThreadName().startsWith("onboarding-")
						|| !info.getThreadName().contains("-C-")) {
					continue;
				}
				threads.add(info.getThreadName());
				samples.incrementAndGet();
				boolean inWorker = Arrays.stream(info.getStackTrace())
						.anyMatch(frame -> frame.getClassName().startsWith("io.wabaflow.onboarding."));
				boolean waiting = switch (info.getThreadState()) {
					case BLOCKED, WAITING, TIMED_WAITING -> true;
					default -> false;
				};
				if (inWorker && waiting) {
					waitingInWorker.incrementAndGet();
					if (examples.size() < 3) {
						examples.add(info.getThreadName() + " " + info.getThreadState() + " at "
								+ Arrays.toString(Arrays.copyOf(info.getStackTrace(), 8)));
					}
				}
			}
		}
	}
}

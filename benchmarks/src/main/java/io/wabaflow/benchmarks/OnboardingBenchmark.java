package io.wabaflow.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wabaflow.onboarding.OnboardingWorkerApplication;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.StartOnboarding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Many Embedded Signup flows at once, each without a WABA: the worker exchanges the code, discovers nothing,
 * creates the WABA (strategy 2A) and polls for it through the poll delay topic until it shows (on the fourth poll
 * by default), then subscribes. Completions per second, and the onboarding worker's consumer threads sampled all
 * along: the count of samples that caught one blocked while handling records must be zero.
 */
@Command(name = "onboarding", mixinStandardHelpOptions = true,
		description = "Concurrent onboarding flows with polling: completions/s and consumer threads blocked")
final class OnboardingBenchmark implements Callable<Integer> {

	@Option(names = "--flows", defaultValue = "10000", description = "concurrent flows (default ${DEFAULT-VALUE})")
	int flows;

	@Option(names = "--polls", defaultValue = "4", description = "polls until the created WABA shows (default ${DEFAULT-VALUE})")
	int polls;

	@Option(names = "--poll-interval", defaultValue = "PT1S", description = "ONBOARDING_POLL_INTERVAL (default ${DEFAULT-VALUE}; production 3 s)")
	Duration pollInterval;

	@Option(names = "--sample-every-ms", defaultValue = "10", description = "thread sampling period (default ${DEFAULT-VALUE})")
	long sampleEveryMillis;

	@Option(names = "--timeout", defaultValue = "PT10M", description = "default ${DEFAULT-VALUE}")
	Duration timeout;

	record Signup(String tenant, String business, String commandId) {
	}

	@Override
	public Integer call() throws Exception {
		Report.title("onboarding", "%,d concurrent flows, strategy 2A, WABA visible on poll %d, polls %s apart"
				.formatted(flows, polls, pollInterval));
		try (Stack stack = new Stack()) {
			Report.line("infrastructure: %s", stack.infrastructure());
			// Meta answers many calls at once: more Tomcat threads than the sandbox's default for tests. Codes must
			// outlive the set-up of ten thousand businesses.
			GraphSandbox sandbox = stack.sandbox(SandboxSettings.defaults().withCallbackUrl("")
					.with("sandbox.signup-code-ttl", "30m").with("server.tomcat.threads.max", "64"));
			ScenarioClient scenario = sandbox.scenario();
			stack.service(OnboardingWorkerApplication.class, "--ONBOARDING_POLL_INTERVAL=" + pollInterval.toMillis() + "ms",
					"--ONBOARDING_POLL_MAX_ATTEMPTS=" + (polls + 6));

			long setupStart = System.nanoTime();
			List<Signup> signups = prepare(scenario);
			Report.line("set up %,d businesses with their signup codes in the sandbox in %.1f s", flows,
					(System.nanoTime() - setupStart) / 1e9);

			Set<String> ours = ConcurrentHashMap.newKeySet();
			signups.forEach(s -> ours.add(s.commandId()));
			Map<String, Long> completedAt = new ConcurrentHashMap<>();
			AtomicLong failed = new AtomicLong();
			long start;
			ConsumerThreads sampler;
			try (TopicWatch watch = new TopicWatch(Topics.COMMAND_RESULTS.name(), value -> {
				if (value instanceof CommandResult result && ours.contains(result.getCommandId())) {
					if (result.getHttpStatus() == 200) {
						completedAt.putIfAbsent(result.getCommandId(), System.currentTimeMillis());
					}
					else {
						failed.incrementAndGet();
					}
				}
			}); KafkaProducer<String, SpecificRecord> producer = Kafka.producer()) {
				sampler = new ConsumerThreads("onboarding-", sampleEveryMillis);
				start = System.nanoTime();
				long startMillis = System.currentTimeMillis();
				for (Signup signup : signups) {
					producer.send(new ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(), signup.tenant(), start(signup)));
				}
				producer.flush();
				// the figure says how many made it
				Polling.until(() -> completedAt.size() + failed.get() >= flows, timeout, 200);
				sampler.close();
				long[] completions = completedAt.values().stream().mapToLong(Long::longValue).toArray();
				long lastMillis = java.util.Arrays.stream(completions).max().orElse(startMillis);
				double seconds = (lastMillis - startMillis) / 1000.0;
				Report.figure("onboarding", "%,d of %,d flows completed (%,d failed) in %.1f s = %,.0f completions/s; busiest second %,d"
						.formatted(completions.length, flows, failed.get(), seconds, completions.length / seconds,
								Rates.maxInAnySecond(completions)));
				Report.figure("onboarding", "consumer threads: " + sampler.summary());
				sampler.examples.forEach(example -> Report.line("  e.g. %s", example));
				Report.anchor("the design's: zero samples blocked (every wait is a record on a delay topic, never a consumer thread)");
			}
			return sampler.blocked() == 0 && completedAt.size() == flows ? 0 : 1;
		}
	}

	/** A business per flow, its WABA creation plan, and a signup code, set up through the scenario API. */
	private List<Signup> prepare(ScenarioClient scenario) throws Exception {
		String run = Long.toString(System.currentTimeMillis() % 1_000_000);
		ExecutorService setup = Executors.newFixedThreadPool(16);
		try {
			List<Future<Signup>> prepared = new ArrayList<>();
			for (int i = 0; i < flows; i++) {
				String tenant = "bench-" + run + "-" + i;
				prepared.add(setup.submit(() -> {
					String business = scenario.createBusiness("Loja " + tenant);
					scenario.wabaCreation(business, "2A", polls - 1);
					return new Signup(tenant, business, "cmd-" + tenant);
				}));
			}
			List<Signup> signups = new ArrayList<>();
			for (Future<Signup> signup : prepared) {
				signups.add(signup.get());
			}
			List<Future<String>> codes = signups.stream().map(s -> setup.submit(() -> scenario.signupCode(s.business()))).toList();
			codeOf.clear();
			for (int i = 0; i < signups.size(); i++) {
				codeOf.put(signups.get(i).tenant(), codes.get(i).get());
			}
			return signups;
		}
		finally {
			setup.shutdown();
		}
	}

	private final Map<String, String> codeOf = new ConcurrentHashMap<>();

	private OnboardingCommand start(Signup signup) {
		return OnboardingCommand.newBuilder().setCommandId(signup.commandId()).setTenantId(signup.tenant())
				.setIssuedAt(Instant.now()).setPayload(StartOnboarding.newBuilder().setCode(codeOf.get(signup.tenant()))
						.setState("st-" + signup.tenant()).setBusinessId(signup.business())
						.setSessionEvent("FINISH_ONLY_WABA").build())
				.build();
	}
}

package io.wabaflow.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar benchmarks-<v>-exec.jar ingress|sync|sender|media|onboarding|all [options]}. Each benchmark starts what
 * it needs in this JVM, prints its figures beside the anchor measured in the same run, and stops it again.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
		subcommands = { IngressBenchmark.class, SyncBenchmark.class, SenderBenchmark.class, MediaBenchmark.class,
				OnboardingBenchmark.class,
				Benchmarks.All.class },
		description = "Wabaflow's benchmarks: each prints its figures beside the anchor measured in the same run")
public final class Benchmarks {

	public static void main(String[] args) {
		// test-support brings a logback-test.xml, which logback and Boot would otherwise prefer to any logback.xml
		System.setProperty("logback.configurationFile", "benchmarks-logback.xml"); // before Boot: the broker logs first
		System.setProperty("logging.config", "classpath:benchmarks-logback.xml");
		CommandLine commandLine = new CommandLine(new Benchmarks());
		int status = commandLine.execute(args);
		if (commandLine.getParseResult() != null && commandLine.getParseResult().hasSubcommand()) {
			Report.summary();
		}
		// the broker, PostgreSQL and HTTP clients leave non-daemon threads behind; their shutdown hooks stop them
		System.exit(status);
	}

	@Command(name = "all", mixinStandardHelpOptions = true, description = "every benchmark with its defaults, one after the other")
	static final class All implements Callable<Integer> {

		@Override
		public Integer call() throws Exception {
			int worst = 0;
			for (Callable<Integer> benchmark : List.<Callable<Integer>>of(defaults(new IngressBenchmark()),
					defaults(new SyncBenchmark()), defaults(new SenderBenchmark()), defaults(new MediaBenchmark()),
					defaults(new OnboardingBenchmark()))) {
				worst = Math.max(worst, benchmark.call());
			}
			return worst;
		}

		/** The benchmark with its options at their defaults (picocli fills them in when it parses no arguments). */
		private static <T> T defaults(T benchmark) {
			new CommandLine(benchmark).parseArgs();
			return benchmark;
		}
	}
}

package io.wabaflow.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.wabaflow.ops.dlt.DltCommand;
import io.wabaflow.ops.keys.KeysCommand;
import io.wabaflow.ops.rebuild.RebuildCommand;
import io.wabaflow.ops.replay.ReplayCommand;
import io.wabaflow.ops.tail.TailCommand;
import io.wabaflow.ops.topics.TopicsCommand;
import io.wabaflow.ops.webhooks.WebhooksCommand;

/**
 * {@code wabaflow}: one tool for ops that knows Wabaflow's topics and schemas. Every command that changes
 * something prints its plan and does nothing without {@code --execute}.
 */
@Command(name = "wabaflow", mixinStandardHelpOptions = true, version = "wabaflow ops 0.1.0",
		description = "Inspect, replay and re-drive Wabaflow's Kafka topics; manage API keys.",
		subcommands = {TopicsCommand.class, TailCommand.class, ReplayCommand.class, DltCommand.class,
				WebhooksCommand.class, RebuildCommand.class, KeysCommand.class})
public final class WabaflowCli {

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	public static CommandLine commandLine() {
		return new CommandLine(new WabaflowCli()).setCaseInsensitiveEnumValuesAllowed(true)
				.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
					// ops need the cause in one line (broker unreachable, unknown topic), not a stack trace
					Throwable cause = exception;
					while (cause.getCause() != null && cause.getCause() != cause) {
						cause = cause.getCause();
					}
					String hint = cause instanceof org.apache.kafka.common.errors.TimeoutException
							? " (is the broker of --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS reachable?)" : "";
					commandLine.getErr().printf("wabaflow %s failed: %s%s%n", commandLine.getCommandName(),
							cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), hint);
					return 1;
				});
	}
}

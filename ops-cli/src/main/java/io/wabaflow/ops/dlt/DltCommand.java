package io.wabaflow.ops.dlt;

import picocli.CommandLine.Command;

/** {@code wabaflow dlt list|redrive}: dead letters, and sending them back once their cause is fixed. */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "Dead-letter topics: list and re-drive.",
		subcommands = {DltListCommand.class, DltRedriveCommand.class})
public final class DltCommand {
}

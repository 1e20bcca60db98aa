package io.wabaflow.ops.webhooks;

import picocli.CommandLine.Command;

/** {@code wabaflow webhooks ...}: the webhook topics. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Webhook topics.",
		subcommands = RedriveUnparsedCommand.class)
public final class WebhooksCommand {
}

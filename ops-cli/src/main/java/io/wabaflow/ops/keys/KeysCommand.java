package io.wabaflow.ops.keys;

import picocli.CommandLine.Command;

/** {@code wabaflow keys create|list|rotate|revoke}: the API keys every service reads from {@code wabaflow.api-keys.v1}. */
@Command(name = "keys", mixinStandardHelpOptions = true,
		description = "API keys of the HTTP APIs: create (prints the secret once), list, rotate, revoke.",
		subcommands = {KeysCreateCommand.class, KeysListCommand.class, KeysRotateCommand.class, KeysRevokeCommand.class})
public final class KeysCommand {
}

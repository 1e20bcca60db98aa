package io.wabaflow.ops.keys;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.schemas.access.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Revokes a key: a tombstone on the key topic, which every service applies within seconds. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
		description = "Revoke a key (every service refuses it within seconds). Dry run without --execute.")
public final class KeysRevokeCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "The key id (see 'wabaflow keys list').")
	String keyId;

	@Option(names = "--execute", description = "Revoke; without it, only say what would be revoked.")
	boolean execute;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		ApiKey key = KeyTopic.find(kafka, keyId);
		String what = "key " + key.getKeyId() + " of tenant " + KeyTopic.tenant(key) + " (scopes "
				+ String.join(",", key.getScopes()) + ")";
		if (!execute) {
			out.println("Would revoke " + what + ". Add --execute to revoke it.");
			return 0;
		}
		try (ApiKeyIssuer issuer = KeyTopic.issuer(kafka)) {
			issuer.revoke(key.getKeyId());
		}
		out.println("Revoked " + what + ".");
		return 0;
	}
}

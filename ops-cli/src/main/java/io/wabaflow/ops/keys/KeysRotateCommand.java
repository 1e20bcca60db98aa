package io.wabaflow.ops.keys;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.wabaflow.ops.kafka.Durations;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.schemas.access.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A new key with the old one's tenant, scopes and description; the old key keeps working for a grace
 * period so that callers switch without downtime, then every service refuses it.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
		description = "Create a replacement for a key (same tenant and scopes) and expire the old one after a grace period.")
public final class KeysRotateCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "The key id to replace (see 'wabaflow keys list').")
	String keyId;

	@Option(names = "--grace", defaultValue = "24h", description = "How long the old key keeps working (default ${DEFAULT-VALUE}; 0s: refuse it now).")
	String grace;

	Clock clock = Clock.systemUTC();

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		ApiKey old = KeyTopic.find(kafka, keyId);
		Instant now = clock.instant();
		Instant oldExpires = now.plus(Durations.parse(grace));
		try (ApiKeyIssuer issuer = KeyTopic.issuer(kafka)) {
			ApiKeyIssuer.IssuedKey replacement = issuer.create(old.getTenantId(),
					old.getScopes().stream().map(Scope::parse).toList(), old.getExpiresAt(), old.getDescription(), now);
			issuer.expire(old, oldExpires);
			KeysCreateCommand.print(out, replacement, "Created replacement");
			out.printf("The old key %s is refused from %s on%n", old.getKeyId(), oldExpires);
		}
		return 0;
	}
}

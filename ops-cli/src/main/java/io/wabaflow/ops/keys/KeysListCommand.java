package io.wabaflow.ops.keys;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.access.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The keys on the key topic, never their secrets (which are not stored anywhere). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys (never their secrets).")
public final class KeysListCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Option(names = "--tenant", description = "Only this tenant's keys.")
	String tenant;

	Clock clock = Clock.systemUTC();

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		List<ApiKey> keys = KeyTopic.current(kafka).stream()
				.filter(key -> tenant == null || tenant.equals(key.getTenantId())).toList();
		Instant now = clock.instant();
		out.printf("%-14s %-24s %-40s %-26s %-26s %s%n", "KEY-ID", "TENANT", "SCOPES", "CREATED", "EXPIRES", "DESCRIPTION");
		for (ApiKey key : keys) {
			String expires = key.getExpiresAt() == null ? "never"
					: key.getExpiresAt() + (now.isBefore(key.getExpiresAt()) ? "" : " (expired)");
			out.printf("%-14s %-24s %-40s %-26s %-26s %s%n", key.getKeyId(), KeyTopic.tenant(key),
					String.join(",", key.getScopes()), key.getCreatedAt(), expires,
					key.getDescription() == null ? "" : key.getDescription());
		}
		out.printf("%d key(s)%n", keys.size());
		return 0;
	}
}

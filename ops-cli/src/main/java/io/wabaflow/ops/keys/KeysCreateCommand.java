package io.wabaflow.ops.keys;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.wabaflow.ops.kafka.Durations;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.Scope;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates a key and prints its secret, once: only its SHA-256 is stored. */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = "Create an API key for a tenant (or an operator key) and print its secret once.")
public final class KeysCreateCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Owner owner;

	static final class Owner {

		@Option(names = "--tenant", description = "The tenant the key acts for.")
		String tenant;

		@Option(names = "--operator", description = "An operator key: acts across tenants (may hold 'admin').")
		boolean operator;
	}

	@Option(names = "--scope", required = true, description = "read, messages:send, onboarding:write, templates:write, admin (operator only); repeat for several.")
	List<String> scopes;

	@Option(names = "--expires-in", description = "Refuse the key after this long, e.g. 90d, 12h (default: never).")
	String expiresIn;

	@Option(names = "--description", description = "What the key is for, e.g. 'crm production'.")
	String description;

	Clock clock = Clock.systemUTC();

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		Set<Scope> parsed = new LinkedHashSet<>();
		scopes.forEach(scope -> parsed.add(Scope.parse(scope.strip())));
		Instant now = clock.instant();
		Instant expiresAt = expiresIn == null ? null : now.plus(Durations.parse(expiresIn));
		String tenant = owner.operator ? null : owner.tenant.strip();
		try (ApiKeyIssuer issuer = KeyTopic.issuer(kafka)) {
			ApiKeyIssuer.IssuedKey key = issuer.create(tenant, parsed, expiresAt, description, now);
			print(out, key, "Created");
		}
		return 0;
	}

	static void print(PrintWriter out, ApiKeyIssuer.IssuedKey key, String verb) {
		out.printf("%s key %s for tenant %s, scopes %s%s%n", verb, key.keyId(), KeyTopic.tenant(key.record()),
				String.join(",", key.record().getScopes()),
				key.record().getExpiresAt() == null ? "" : ", expires " + key.record().getExpiresAt());
		out.println("Secret (shown once, store it now; only its SHA-256 is kept):");
		out.println(key.secret());
		out.println("Every service accepts it within seconds: Authorization: Bearer <secret>");
	}

}

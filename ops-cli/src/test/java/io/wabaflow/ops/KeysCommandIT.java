package io.wabaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wabaflow.platform.access.KeyRing;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.access.ApiKey;
import io.wabaflow.testsupport.TestKafka;

/** {@code wabaflow keys}: what it writes is what every service's key ring reads. */
class KeysCommandIT {

	@BeforeAll
	static void topics() throws InterruptedException {
		Cli.createCatalogueTopics();
	}

	final String tenant = "keys-it-" + UUID.randomUUID();

	@Test
	void aCreatedKeyAuthenticatesAsItsTenantWithItsScopesAndIsListedWithoutItsSecret() throws Exception {
		Cli.Result created = Cli.run("keys", "create", "--tenant", tenant, "--scope", "read", "--scope", "messages:send",
				"--description", "crm production");

		assertThat(created.exitCode()).as(created.err()).isZero();
		String secret = secretOf(created);
		assertThat(secret).startsWith("wbf_");
		Principal principal = ring().authenticate(secret, Instant.now()).orElseThrow();
		assertThat(principal.tenantId()).isEqualTo(tenant);
		assertThat(principal.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.MESSAGES_SEND);

		Cli.Result listed = Cli.run("keys", "list", "--tenant", tenant);
		assertThat(listed.out()).contains(principal.keyId()).contains("read,messages:send").contains("crm production")
				.contains("1 key(s)").doesNotContain(secret).doesNotContain(secret.substring(17));
	}

	@Test
	void anOperatorKeyMayHoldAdminButATenantKeyMayNot() throws Exception {
		Cli.Result operator = Cli.run("keys", "create", "--operator", "--scope", "admin", "--scope", "read");
		assertThat(operator.exitCode()).as(operator.err()).isZero();
		assertThat(ring().authenticate(secretOf(operator), Instant.now()).orElseThrow().operator()).isTrue();

		Cli.Result refused = Cli.run("keys", "create", "--tenant", tenant, "--scope", "admin");
		assertThat(refused.exitCode()).isNotZero();
		assertThat(refused.err()).contains("operator keys only");
		Cli.Result unknownScope = Cli.run("keys", "create", "--tenant", tenant, "--scope", "everything");
		assertThat(unknownScope.exitCode()).isNotZero();
		assertThat(unknownScope.err()).contains("Unknown scope 'everything'").contains("messages:send");
	}

	@Test
	void rotationGivesASecondKeyAndTheFirstIsRefusedAfterTheGracePeriod() throws Exception {
		String first = secretOf(Cli.run("keys", "create", "--tenant", tenant, "--scope", "read"));
		String firstId = ring().authenticate(first, Instant.now()).orElseThrow().keyId();

		Cli.Result rotated = Cli.run("keys", "rotate", firstId, "--grace", "1h");

		assertThat(rotated.exitCode()).as(rotated.err()).isZero();
		String second = secretOf(rotated);
		KeyRing ring = ring();
		assertThat(ring.authenticate(second, Instant.now()).orElseThrow().tenantId()).isEqualTo(tenant);
		assertThat(ring.authenticate(first, Instant.now())).as("within the grace period").isPresent();
		assertThat(ring.authenticate(first, Instant.now().plus(Duration.ofMinutes(61)))).isEmpty();
		assertThat(ring.authenticate(second, Instant.now().plus(Duration.ofMinutes(61)))).isPresent();
	}

	@Test
	void revokeIsADryRunUntilExecuted() throws Exception {
		String secret = secretOf(Cli.run("keys", "create", "--tenant", tenant, "--scope", "read"));
		String keyId = ring().authenticate(secret, Instant.now()).orElseThrow().keyId();

		Cli.Result dryRun = Cli.run("keys", "revoke", keyId);
		assertThat(dryRun.out()).contains("Would revoke key " + keyId).contains(tenant);
		assertThat(ring().authenticate(secret, Instant.now())).isPresent();

		Cli.Result revoked = Cli.run("keys", "revoke", keyId, "--execute");
		assertThat(revoked.exitCode()).as(revoked.err()).isZero();
		assertThat(ring().authenticate(secret, Instant.now())).isEmpty();
		assertThat(Cli.run("keys", "list", "--tenant", tenant).out()).doesNotContain(keyId);
		Cli.Result again = Cli.run("keys", "revoke", keyId, "--execute");
		assertThat(again.exitCode()).isNotZero();
		assertThat(again.err()).contains("No key " + keyId);
	}

	private static String secretOf(Cli.Result result) {
		List<String> lines = result.lines();
		int marker = lines.indexOf(lines.stream().filter(line -> line.startsWith("Secret (shown once")).findFirst()
				.orElseThrow(() -> new AssertionError("no secret in: " + result.out() + result.err())));
		return lines.get(marker + 1).strip();
	}

	/** A key ring loaded from the topic, as a service loads it. */
	private static KeyRing ring() throws InterruptedException {
		KeyRing ring = new KeyRing();
		try (CompactedTopicView<ApiKey> view = new CompactedTopicView<>(Topics.API_KEYS, ApiKey.class,
				TestKafka.bootstrapServers(), Map.of(), ring::apply)) {
			view.start();
			assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
		}
		return ring;
	}
}

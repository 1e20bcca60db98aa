package io.wabaflow.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.access.ApiKey;

class KeyRingTest {

	static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	final KeyRing ring = new KeyRing();

	@Test
	void aGeneratedKeyIsFoundByItsIdAndOnlyItsExactSecretMatches() {
		String secret = ApiKeyFormat.generate();
		assertThat(secret).matches("wbf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
		ApiKey key = ApiKeyIssuer.record(secret, "t1", Set.of(Scope.READ), null, "x", NOW);
		assertThat(key.getKeyId()).isEqualTo(secret.substring(4, 16));
		ring.apply(key.getKeyId(), key);

		assertThat(ring.authenticate(secret, NOW)).hasValueSatisfying(principal -> {
			assertThat(principal.tenantId()).isEqualTo("t1");
			assertThat(principal.scopes()).containsExactly(Scope.READ);
			assertThat(principal.operator()).isFalse();
		});
		assertThat(ring.authenticate(secret.substring(0, secret.length() - 1) + "x", NOW)).isEmpty();
		assertThat(ring.authenticate("", NOW)).isEmpty();
		assertThat(ring.authenticate(null, NOW)).isEmpty();
	}

	@Test
	void aKeyOfAnyOtherShapeIsFoundThroughItsHash() {
		ApiKey key = ApiKeyIssuer.record("dev-tenant-a-key", "tenant-a", Set.of(Scope.READ), null, null, NOW);
		ring.apply(key.getKeyId(), key);
		assertThat(ring.authenticate("dev-tenant-a-key", NOW)).isPresent();
		assertThat(ring.authenticate("dev-tenant-b-key", NOW)).isEmpty();
	}

	@Test
	void expiredAndRevokedKeysAreRefused() {
		String secret = ApiKeyFormat.generate();
		ApiKey key = ApiKeyIssuer.record(secret, "t1", Set.of(Scope.READ), NOW.plusSeconds(60), null, NOW);
		ring.apply(key.getKeyId(), key);
		assertThat(ring.authenticate(secret, NOW.plusSeconds(59))).isPresent();
		assertThat(ring.authenticate(secret, NOW.plusSeconds(60))).isEmpty();
		ring.apply(key.getKeyId(), null);
		assertThat(ring.authenticate(secret, NOW)).isEmpty();
	}

	@Test
	void anOperatorMayAccessEveryTenantAndATenantOnlyItsOwn() {
		Principal operator = new Principal("k", null, Set.of(Scope.ADMIN));
		Principal tenant = new Principal("k", "t1", Set.of(Scope.READ));
		assertThat(operator.mayAccess("t1")).isTrue();
		assertThat(operator.mayAccess(null)).isTrue();
		assertThat(tenant.mayAccess("t1")).isTrue();
		assertThat(tenant.mayAccess("t2")).isFalse();
		assertThat(tenant.mayAccess(null)).as("a resource no tenant owns is for operators").isFalse();
	}
}

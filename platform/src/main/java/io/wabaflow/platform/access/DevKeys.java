package io.wabaflow.platform.access;

import java.util.List;
import java.util.Set;

/**
 * The published development keys, seeded by every service in the {@code dev} profile (and so by the
 * devstack): two tenants and an operator. Never use them anywhere reachable.
 */
public final class DevKeys {

	public static final String TENANT_A = "tenant-a";

	public static final String TENANT_B = "tenant-b";

	public static final String TENANT_A_KEY = "dev-tenant-a-key";

	public static final String TENANT_B_KEY = "dev-tenant-b-key";

	public static final String OPERATOR_KEY = "dev-ops-key";

	private static final Set<Scope> TENANT_SCOPES = Set.of(Scope.READ, Scope.MESSAGES_SEND, Scope.ONBOARDING_WRITE,
			Scope.TEMPLATES_WRITE);

	public static final List<SeedKey> ALL = List.of(
			new SeedKey(TENANT_A_KEY, TENANT_A, TENANT_SCOPES, "development key of tenant-a"),
			new SeedKey(TENANT_B_KEY, TENANT_B, TENANT_SCOPES, "development key of tenant-b"),
			new SeedKey(OPERATOR_KEY, null, Set.of(Scope.ADMIN, Scope.READ), "development operator key"));

	private DevKeys() {
	}

	/** A key written to the key topic at start-up when it is not there yet. */
	public record SeedKey(String secret, String tenant, Set<Scope> scopes, String description) {
	}
}

package io.wabaflow.platform.access;

import java.util.Set;

/**
 * Who calls: the key (its public id, never its secret), the tenant it acts for ({@code null} for an
 * operator, who acts across tenants) and its scopes.
 */
public record Principal(String keyId, String tenantId, Set<Scope> scopes) {

	public Principal {
		scopes = Set.copyOf(scopes);
	}

	public boolean operator() {
		return tenantId == null;
	}

	public boolean has(Scope scope) {
		return scopes.contains(scope);
	}

	/** Whether this caller may see or act on a resource of {@code ownerTenant} (null: owned by no tenant). */
	public boolean mayAccess(String ownerTenant) {
		return operator() || (ownerTenant != null && tenantId.equals(ownerTenant));
	}

	/** The tenant, or {@code *} for an operator: for logs. */
	public String tenantForLog() {
		return operator() ? "*" : tenantId;
	}
}

package io.wabaflow.platform.db;

import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import io.wabaflow.platform.access.Principal;

/**
 * The second wall of tenancy (DESIGN.md principle 8): a read API's query runs in a read-only transaction that has
 * first become the service's reader role and set the caller's tenant (or the operator flag) for that transaction
 * only. The reader owns no table and is no superuser, so the row-level-security policies of the service's
 * migrations apply to it (the worker's own user may be a superuser, which bypasses them, hence the switch): a query
 * that forgot its tenant filter sees the caller's rows and nothing else. Both settings are {@code LOCAL}, they end
 * with the transaction and never stay on a pooled connection.
 *
 * <p>The policies read {@code current_setting('wabaflow.tenant_id', true)} and
 * {@code current_setting('wabaflow.operator', true) = 'on'}; every service's migration declares them the same way.
 */
public final class TenantReads {

	/** The settings the policies read. */
	public static final String TENANT_SETTING = "wabaflow.tenant_id";

	public static final String OPERATOR_SETTING = "wabaflow.operator";

	private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]*");

	private final Jdbi jdbi;

	private final String readerRole;

	/** @param readerRole the role the service's migration created for its read API (a plain SQL identifier) */
	public TenantReads(Jdbi jdbi, String readerRole) {
		this.jdbi = jdbi;
		this.readerRole = requireRole(readerRole);
	}

	/** Runs {@code read} in a read-only transaction that sees only what {@code caller} may see. */
	public <T> T read(Principal caller, HandleCallback<T, RuntimeException> read) {
		return jdbi.inTransaction(handle -> {
			handle.execute("SET TRANSACTION READ ONLY");
			enter(handle, readerRole, caller);
			return read.withHandle(handle);
		});
	}

	/**
	 * Becomes {@code readerRole} with {@code caller}'s scope in the transaction open on {@code handle}: for a service
	 * whose reads need more set-up in the same transaction (the sync worker chooses its generation's schema first).
	 */
	public static void enter(Handle handle, String readerRole, Principal caller) {
		handle.execute("SET LOCAL ROLE " + requireRole(readerRole));
		if (caller.operator()) {
			set(handle, OPERATOR_SETTING, "on");
		}
		else {
			set(handle, TENANT_SETTING, caller.tenantId());
		}
	}

	private static void set(Handle handle, String name, String value) {
		handle.createQuery("SELECT set_config(:name, :value, true)").bind("name", name).bind("value", value)
				.mapTo(String.class).one();
	}

	private static String requireRole(String role) {
		if (role == null || !ROLE.matcher(role).matches()) {
			throw new IllegalArgumentException("Not a plain role name: " + role);
		}
		return role;
	}
}

package io.wabaflow.sender.send;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.access.Principal;

/**
 * The one way the read API reaches the database: a transaction that first becomes
 * {@value #READER_ROLE} (which does not own the tables, so row-level security applies to it; the worker's
 * own user may be a superuser, which bypasses it) and sets the caller's tenant, or the operator flag, for
 * this transaction only. The policies of migration V2 then show only the caller's rows, whatever the query
 * says. Both settings are {@code LOCAL}: they end with the transaction and never stay on a pooled connection.
 */
@Component
public class TenantReads {

	/** The reader role of migration V2. */
	static final String READER_ROLE = "wabaflow_sender_reader";

	private final Jdbi jdbi;

	TenantReads(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	/** Runs {@code read} in a transaction that sees only what {@code caller} may see. */
	public <T> T as(Principal caller, HandleCallback<T, RuntimeException> read) {
		return jdbi.inTransaction(handle -> {
			handle.execute("SET LOCAL ROLE " + READER_ROLE);
			if (caller.operator()) {
				setting(handle, "wabaflow.operator", "on");
			}
			else {
				setting(handle, "wabaflow.tenant_id", caller.tenantId());
			}
			return read.withHandle(handle);
		});
	}

	private static void setting(Handle handle, String name, String value) {
		handle.createQuery("SELECT set_config(:name, :value, true)").bind("name", name).bind("value", value)
				.mapTo(String.class).one();
	}
}

package io.wabaflow.sync.rebuild;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.db.TenantReads;

/**
 * Runs a read against the generation that serves reads. The lookup and the read share one read-only
 * transaction whose search path is that generation's schema, so a read started before a switch finishes
 * on the old complete generation and one started after reads the new complete one: never a mix, never a
 * generation that is still being built. The read itself runs as {@value #READER_ROLE} with the caller's tenant
 * set ({@link TenantReads#enter}): row-level security (db/projections/V2__tenancy.sql) shows a tenant the rows of
 * its own numbers only, whatever the query says.
 */
@Component
public class ActiveGeneration {

	private final Jdbi jdbi;

	ActiveGeneration(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	/** Created and granted to the worker's user by db/projections/V2__tenancy.sql. */
	public static final String READER_ROLE = "wabaflow_sync_reader";

	public <T> T read(Principal caller, HandleCallback<T, RuntimeException> read) {
		return jdbi.inTransaction(handle -> {
			handle.execute("SET TRANSACTION READ ONLY");
			String schema = activeSchema(handle);
			if (schema == null) {
				throw new NoActiveGenerationException();
			}
			GenerationSchemas.requireGenerationSchema(schema);
			handle.execute("SET LOCAL search_path TO " + schema);
			TenantReads.enter(handle, READER_ROLE, caller);
			return read.withHandle(handle);
		});
	}

	private static String activeSchema(Handle handle) {
		return handle.createQuery("SELECT schema_name FROM sync.projection_generations WHERE state = 'active'")
				.mapTo(String.class).findOne().orElse(null);
	}

	/** No generation has finished its first build yet: the API answers 503 rather than partial data. */
	public static final class NoActiveGenerationException extends RuntimeException {

		NoActiveGenerationException() {
			super("The projections are being built for the first time; try again shortly");
		}
	}
}

package io.wabaflow.sync.rebuild;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Runs a read against the generation that serves reads. The lookup and the read share one read-only
 * transaction whose search path is that generation's schema, so a read started before a switch finishes
 * on the old complete generation and one started after reads the new complete one: never a mix, never a
 * generation that is still being built.
 */
@Component
public class ActiveGeneration {

	private final Jdbi jdbi;

	ActiveGeneration(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	public <T> T read(HandleCallback<T, RuntimeException> read) {
		return jdbi.inTransaction(handle -> {
			handle.execute("SET TRANSACTION READ ONLY");
			String schema = activeSchema(handle);
			if (schema == null) {
				throw new NoActiveGenerationException();
			}
			GenerationSchemas.requireGenerationSchema(schema);
			handle.execute("SET LOCAL search_path TO " + schema);
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

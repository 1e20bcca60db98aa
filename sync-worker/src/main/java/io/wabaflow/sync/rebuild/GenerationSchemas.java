package io.wabaflow.sync.rebuild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Creates, migrates and drops the schema of a generation. The projection tables' migrations live in
 * {@code classpath:db/projections} and are applied to every consuming generation's schema at start-up,
 * each schema with its own Flyway history. (A migration that adds a derived column should be followed
 * by a rebuild, which fills it for all past events.)
 */
@Component
public class GenerationSchemas {

	static final String LOCATION = "classpath:db/projections";

	/** The projection tables, in the order the status endpoint lists them. */
	public static final List<String> TABLES = List.of("phone_numbers", "contacts", "messages", "message_statuses",
			"reactions", "message_edits", "message_revokes", "read_marks", "conversations", "history_chunks",
			"history_errors", "identity_links", "identities", "webhook_events", "call_events");

	private final DataSource dataSource;

	private final Jdbi jdbi;

	private final Set<String> migrated = ConcurrentHashMap.newKeySet();

	GenerationSchemas(DataSource dataSource, Jdbi jdbi) {
		this.dataSource = dataSource;
		this.jdbi = jdbi;
	}

	/** Migrates a generation's schema once per process (creating it when new). */
	void migrate(String schema) {
		if (migrated.contains(schema)) {
			return;
		}
		Flyway.configure()
				.dataSource(dataSource)
				.schemas(schema)
				.defaultSchema(schema)
				.createSchemas(true)
				.locations(LOCATION)
				.load()
				.migrate();
		migrated.add(schema);
	}

	void drop(String schema) {
		requireGenerationSchema(schema);
		jdbi.useHandle(handle -> handle.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
		migrated.remove(schema);
	}

	/**
	 * Rows per projection table of a generation, as PostgreSQL's statistics estimate them (live tuples,
	 * updated as transactions commit). Never exact counts: a status poll during a rebuild must not scan
	 * the tables the rebuild is filling (exact counts over a million rows slowed the projection down).
	 */
	public Map<String, Long> estimatedRowCounts(String schema) {
		requireGenerationSchema(schema);
		Map<String, Long> counts = new LinkedHashMap<>();
		TABLES.forEach(table -> counts.put(table, 0L));
		jdbi.useHandle(handle -> handle.createQuery("""
				SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE schemaname = :schema
				""")
				.bind("schema", schema)
				.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
				.forEach(entry -> counts.computeIfPresent(entry.getKey(), (table, zero) -> entry.getValue())));
		return counts;
	}

	static void requireGenerationSchema(String schema) {
		if (!schema.matches("sync_g[0-9]+")) {
			throw new IllegalArgumentException("Not a generation schema: " + schema);
		}
	}
}

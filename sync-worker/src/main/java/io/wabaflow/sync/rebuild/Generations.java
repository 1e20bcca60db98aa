package io.wabaflow.sync.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The control table {@code sync.projection_generations}. Thread-safe. */
@Component
public class Generations {

	private static final TypeReference<LinkedHashMap<String, Long>> OFFSETS = new TypeReference<>() {
	};

	private final Jdbi jdbi;

	private final JsonMapper json = JsonMapper.builder().build();

	Generations(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	public List<Generation> list() {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT * FROM sync.projection_generations ORDER BY generation
				""").map(this::generation).list());
	}

	public Optional<Generation> active() {
		return list().stream().filter(g -> Generation.ACTIVE.equals(g.state())).findFirst();
	}

	public Optional<Generation> building() {
		return list().stream().filter(g -> Generation.BUILDING.equals(g.state())).findFirst();
	}

	/**
	 * Registers a new generation to build. Fails (unique index) when one is already being built, so two
	 * instances, or two requests, cannot start two builds.
	 */
	Generation createBuilding(int number, String groupId, Map<String, Long> targetOffsets, Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO sync.projection_generations (generation, state, schema_name, group_id, target_offsets,
					requested_at)
				VALUES (:generation, 'building', :schema, :group, :offsets, :now)
				""")
				.bind("generation", number)
				.bind("schema", Generation.schemaOf(number))
				.bind("group", groupId)
				.bind("offsets", json.writeValueAsString(targetOffsets))
				.bind("now", Timestamp.from(now))
				.execute());
		return list().stream().filter(g -> g.number() == number).findFirst().orElseThrow();
	}

	/**
	 * Switches reads to a built generation and retires the one that served them, atomically: a reader
	 * sees either the old complete generation or the new complete one. Returns false when another
	 * instance already did it.
	 */
	boolean activate(int number, Instant now) {
		return jdbi.inTransaction(handle -> {
			handle.createUpdate("""
					UPDATE sync.projection_generations SET state = 'retired', retired_at = :now WHERE state = 'active'
					""").bind("now", Timestamp.from(now)).execute();
			int activated = handle.createUpdate("""
					UPDATE sync.projection_generations SET state = 'active', activated_at = :now
					WHERE generation = :generation AND state = 'building'
					""").bind("generation", number).bind("now", Timestamp.from(now)).execute();
			if (activated == 0) {
				handle.rollback();
				return false;
			}
			return true;
		});
	}

	void markDropped(int number, Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE sync.projection_generations SET state = 'dropped', dropped_at = :now
				WHERE generation = :generation AND state = 'retired'
				""").bind("generation", number).bind("now", Timestamp.from(now)).execute());
	}

	int nextNumber() {
		return jdbi.withHandle(handle -> handle.createQuery(
				"SELECT coalesce(max(generation), 0) + 1 FROM sync.projection_generations").mapTo(Integer.class).one());
	}

	private Generation generation(ResultSet rs, StatementContext ctx) throws SQLException {
		return new Generation(rs.getInt("generation"), rs.getString("state"), rs.getString("schema_name"),
				rs.getString("group_id"), json.readValue(rs.getString("target_offsets"), OFFSETS),
				instant(rs, "requested_at"), instant(rs, "activated_at"), instant(rs, "retired_at"),
				instant(rs, "dropped_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}

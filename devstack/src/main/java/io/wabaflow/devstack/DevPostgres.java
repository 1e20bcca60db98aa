package io.wabaflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central) on a fixed port, its data kept in a folder
 * across restarts, with a {@code wabaflow} database and user like production's. Public for the system tests,
 * which restart it under load.
 */
public final class DevPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DevPostgres.class);

	static final String DATABASE = "wabaflow";

	/** The roles the workers' read APIs switch to, created by their migrations where the user may create roles. */
	static final List<String> READER_ROLES = List.of("wabaflow_sender_reader", "wabaflow_onboarding_reader",
			"wabaflow_sync_reader");

	private final EmbeddedPostgres postgres;

	private DevPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static DevPostgres start(Path dataDir, int port) {
		try {
			Path data = dataDir.resolve("postgres");
			Files.createDirectories(data);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
					.setCleanDataDirectory(false).start();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				if (!statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'wabaflow'").next()) {
					statement.execute("CREATE ROLE wabaflow LOGIN PASSWORD 'wabaflow'");
				}
				// the services' user may not create roles: their read APIs' roles (row-level security) are made here,
				// as a production administrator would (README, "Tenancy and access")
				for (String reader : READER_ROLES) {
					if (!statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + reader + "'").next()) {
						statement.execute("CREATE ROLE " + reader + " NOLOGIN");
					}
					statement.execute("GRANT " + reader + " TO wabaflow");
				}
				if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
					statement.execute("CREATE DATABASE " + DATABASE + " OWNER wabaflow");
				}
			}
			log.info("PostgreSQL on localhost:{}, data in {}", port, data);
			return new DevPostgres(postgres);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start PostgreSQL", e);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create the wabaflow database", e);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

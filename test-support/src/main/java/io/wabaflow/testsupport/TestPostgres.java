package io.wabaflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>In order: {@code DATABASE_URL} when set (a JDBC URL of an existing server, with
 * {@code DATABASE_USER}/{@code DATABASE_PASSWORD}); else Testcontainers PostgreSQL when a Docker engine
 * answers; else zonky's embedded PostgreSQL, real binaries from Maven Central. Each caller of
 * {@link #newDatabase(String)} gets a fresh, empty database on that server, so test classes don't see
 * each other's rows.
 */
public final class TestPostgres {

	private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static volatile Server server;

	private TestPostgres() {
	}

	/** A new empty database on the JVM's server. */
	public static TestDatabase newDatabase(String prefix) {
		Server current = server();
		String name = (prefix.replaceAll("[^a-z0-9_]", "_") + "_" + ProcessHandle.current().pid() + "_"
				+ DATABASES.incrementAndGet()).toLowerCase();
		try (Connection connection = DriverManager.getConnection(current.adminUrl(), current.user(), current.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create test database " + name + " on " + current.adminUrl(), e);
		}
		return new TestDatabase(current.urlOf(name), current.user(), current.password());
	}

	/** How the server was obtained: {@code external}, {@code testcontainers} or {@code embedded}. */
	public static String kind() {
		return server().kind();
	}

	private static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestPostgres.class) {
				current = server;
				if (current == null) {
					current = start();
					server = current;
					Runtime.getRuntime().addShutdownHook(new Thread(current.stop(), "test-postgres-stop"));
					log.info("Test PostgreSQL ({}) at {}", current.kind(), current.adminUrl());
				}
			}
		}
		return current;
	}

	private static Server start() {
		String external = System.getenv("DATABASE_URL");
		if (external != null && !external.isBlank()) {
			return new Server("external", external, env("DATABASE_USER", "postgres"), env("DATABASE_PASSWORD", ""),
					() -> {
					});
		}
		if (DockerProbe.dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
			container.start();
			return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
					container.getPassword(), container::stop);
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			return new Server("embedded", embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", () -> {
				try {
					embedded.close();
				}
				catch (IOException ignored) {
					// the JVM is exiting; nothing to do
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

	private record Server(String kind, String adminUrl, String user, String password, Runnable stop) {

		/** The admin URL with its database name replaced. */
		String urlOf(String database) {
			int query = adminUrl.indexOf('?');
			String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
			String params = query < 0 ? "" : adminUrl.substring(query);
			return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
		}
	}

	/** A database of the test server. */
	public record TestDatabase(String jdbcUrl, String user, String password) {

		public DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL(jdbcUrl);
			dataSource.setUser(user);
			dataSource.setPassword(password);
			return dataSource;
		}
	}
}

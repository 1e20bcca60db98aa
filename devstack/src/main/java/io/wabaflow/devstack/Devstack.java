package io.wabaflow.devstack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar devstack/target/devstack-*-exec.jar}: the whole of Wabaflow on one machine with only a
 * JDK. Starts a real KRaft broker and PostgreSQL (data kept in {@code .dev/}), then the sandbox and the
 * services, each with its real configuration; stops them in reverse order on Ctrl-C.
 */
public final class Devstack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Devstack.class);

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private final DevKafka kafka;

	private final DevPostgres postgres;

	private Devstack(DevstackSettings settings) {
		List<String> taken = Ports.taken(settings.ports());
		if (!taken.isEmpty()) {
			throw new PortTakenException(taken);
		}
		kafka = remember(DevKafka.start(settings.dataDir(), settings.kafkaPort(), settings.kafkaControllerPort()));
		postgres = remember(DevPostgres.start(settings.dataDir(), settings.postgresPort()));
	}

	public static void main(String[] args) throws InterruptedException {
		Devstack devstack;
		try {
			devstack = start(DevstackSettings.from(System::getenv));
		}
		catch (PortTakenException | IllegalArgumentException e) {
			System.err.println("devstack: " + e.getMessage());
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(devstack::close, "devstack-stop"));
		devstack.printSummary();
		new CountDownLatch(1).await(); // until Ctrl-C
	}

	static Devstack start(DevstackSettings settings) {
		return new Devstack(settings);
	}

	String kafkaBootstrapServers() {
		return kafka.bootstrapServers();
	}

	String postgresJdbcUrl() {
		return postgres.jdbcUrl();
	}

	void printSummary() {
		System.out.printf("""

				Wabaflow devstack is up.
				  Kafka       KAFKA_BOOTSTRAP_SERVERS=%s
				  PostgreSQL  DATABASE_URL=%s  (DATABASE_USER=wabaflow DATABASE_PASSWORD=wabaflow)
				Ctrl-C stops everything; data stays in the data folder for the next start.
				%n""", kafkaBootstrapServers(), postgresJdbcUrl());
	}

	private <T extends AutoCloseable> T remember(T component) {
		started.push(component);
		return component;
	}

	@Override
	public synchronized void close() {
		while (!started.isEmpty()) {
			AutoCloseable component = started.pop();
			try {
				component.close();
			}
			catch (Exception e) {
				log.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
			}
		}
	}

	/** One line naming every port in use, and how to choose another. */
	static final class PortTakenException extends RuntimeException {

		PortTakenException(List<String> taken) {
			super("port(s) already in use: " + String.join(", ", taken)
					+ ". Stop what uses them or choose others with the variables named.");
		}
	}
}

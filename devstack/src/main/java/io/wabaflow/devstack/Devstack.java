package io.wabaflow.devstack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.wabaflow.platform.access.DevKeys;

/**
 * {@code java -jar devstack/target/devstack-*-exec.jar}: the whole of Wabaflow on one machine with only a
 * JDK. Starts a real KRaft broker and PostgreSQL (data kept in {@code .dev/}), then the sandbox and the
 * services, each with its real configuration; stops them in reverse order on Ctrl-C.
 */
public final class Devstack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Devstack.class);

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private DevKafka kafka;

	private DevPostgres postgres;

	private final DevSecrets secrets;

	private final DevstackSettings settings;

	private DevServices services;

	private Devstack(DevstackSettings settings, DevSecrets secrets) {
		this.settings = settings;
		this.secrets = secrets;
		List<String> taken = Ports.taken(settings.ports());
		if (!taken.isEmpty()) {
			throw new PortTakenException(taken);
		}
		try {
			kafka = remember(DevKafka.start(settings.dataDir(), settings.kafkaPort(), settings.kafkaControllerPort()));
			postgres = remember(DevPostgres.start(settings.dataDir(), settings.postgresPort()));
			if (settings.services()) {
				services = remember(DevServices.start(settings, secrets, kafka.bootstrapServers(), postgres.jdbcUrl()));
			}
		}
		catch (RuntimeException e) {
			close(); // whatever did start must not outlive a failed start
			throw e;
		}
	}

	public static void main(String[] args) throws InterruptedException {
		// as the sender's own main does: the HttpClient's answers need more than 1 common-pool thread on 2 cores
		if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
			System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
					Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
		}
		if (args.length > 0 && args[0].equals("demo")) {
			new DevDemo(DevstackSettings.from(System::getenv), System.out).run();
			return;
		}
		Devstack devstack;
		try {
			devstack = start(DevstackSettings.from(System::getenv), DevSecrets.from(System::getenv));
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

	static Devstack start(DevstackSettings settings, DevSecrets secrets) {
		return new Devstack(settings, secrets);
	}

	/** The running services' Spring contexts, empty without services. */
	java.util.List<org.springframework.context.ConfigurableApplicationContext> serviceContexts() {
		return services == null ? java.util.List.of() : services.contexts();
	}

	String kafkaBootstrapServers() {
		return kafka.bootstrapServers();
	}

	String postgresJdbcUrl() {
		return postgres.jdbcUrl();
	}

	void printSummary() {
		StringBuilder text = new StringBuilder("\nWabaflow devstack is up.\n");
		text.append("  Kafka          KAFKA_BOOTSTRAP_SERVERS=").append(kafkaBootstrapServers()).append('\n');
		text.append("  PostgreSQL     DATABASE_URL=").append(postgresJdbcUrl())
				.append("  (DATABASE_USER=wabaflow DATABASE_PASSWORD=wabaflow)\n");
		if (services != null) {
			text.append("  graph-sandbox  http://127.0.0.1:").append(settings.sandboxPort())
					.append("  (Graph API under /").append(services.sandbox().settings().graphVersion())
					.append(", scenario API under /sandbox)\n");
			text.append("  ingress        http://127.0.0.1:").append(settings.ingressPort())
					.append("  (webhooks /webhooks/whatsapp, API /api/v1, docs /swagger-ui.html)\n");
			text.append("  onboarding     http://127.0.0.1:").append(settings.onboardingPort())
					.append("  (GET /api/v1/tenants/{tenant_id}/onboarding)\n");
			text.append("  sender worker  http://127.0.0.1:").append(settings.senderPort())
					.append("  (GET /api/v1/messages/{command_id})\n");
			text.append("  sync worker    http://127.0.0.1:").append(settings.syncPort()).append("  (read API /api/v1)\n");
		}
		if (services != null) {
			text.append("API keys (development, seeded on the key topic; 'wabaflow keys list' shows them):\n")
					.append("  ").append(DevKeys.TENANT_A_KEY).append("   tenant ").append(DevKeys.TENANT_A)
					.append(", scopes read, messages:send, onboarding:write, templates:write\n")
					.append("  ").append(DevKeys.TENANT_B_KEY).append("   tenant ").append(DevKeys.TENANT_B)
					.append(", scopes read, messages:send, onboarding:write, templates:write\n")
					.append("  ").append(DevKeys.OPERATOR_KEY).append("        operator (every tenant), scopes admin, read\n");
		}
		if (!secrets.defaulted().isEmpty()) {
			text.append("Development values (set these variables to use your own):\n");
			secrets.defaulted().forEach((name, value) -> text.append("  ").append(name).append('=').append(value).append('\n'));
		}
		if (services != null) {
			text.append("Try:\n  curl -s -X POST http://127.0.0.1:").append(settings.ingressPort())
					.append("/api/v1/messages -H 'Authorization: Bearer ").append(DevKeys.TENANT_A_KEY)
					.append("' -H 'Content-Type: application/json' \\\n")
					.append("    -d '{\"phone_number_id\":\"123\",\"to\":\"5511999990000\",\"type\":\"text\",\"content\":{\"body\":\"hi\"}}'\n");
		}
		text.append("Data stays in ").append(settings.dataDir()).append(" for the next start. Ctrl-C stops everything.\n");
		System.out.println(text);
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

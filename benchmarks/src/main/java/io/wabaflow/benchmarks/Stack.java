package io.wabaflow.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.devstack.DevSecrets;
import io.wabaflow.devstack.ServiceEnvironment;
import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.testsupport.TestKafka;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import io.wabaflow.testsupport.TestPostgres;

/**
 * What a benchmark runs on, all in this JVM: a real broker and PostgreSQL from test-support (a fresh in-process KRaft
 * broker per benchmark and zonky's PostgreSQL, or the ones at {@code KAFKA_BOOTSTRAP_SERVERS} / {@code DATABASE_URL}),
 * the graph-sandbox as Meta, and the services, each in its own Spring context configured through its production
 * environment variables (as the devstack does). Closing the stack stops the services, the sandbox and the broker;
 * the database server stops with the JVM.
 */
final class Stack implements AutoCloseable {

	static final String APP_ID = "1234567890123456";

	static final String APP_SECRET = "benchmark-app-secret";

	/** The development operator key (admin and read), which the stack writes to the key topic. */
	static final String API_KEY = io.wabaflow.platform.access.DevKeys.OPERATOR_KEY;

	static final String VERIFY_TOKEN = "benchmark-verify-token";

	final String tokenKey = TokenCipher.generateKey();

	/** The secrets every service gets, the way the devstack passes them (a fresh token key per run). */
	private final DevSecrets secrets = new DevSecrets(APP_ID, APP_SECRET, VERIFY_TOKEN, tokenKey, "123456",
			Map.of());

	private final List<AutoCloseable> running = new ArrayList<>();

	private GraphSandbox sandbox;

	private static volatile String bootstrapServers;

	private final EmbeddedKafkaKraftBroker broker;

	/**
	 * A fresh embedded broker for each benchmark, so that one benchmark's records (a million for the sync) are not
	 * read by the next one's services; the broker at {@code KAFKA_BOOTSTRAP_SERVERS} when that is set.
	 */
	Stack() {
		String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		if (external != null && !external.isBlank()) {
			broker = null;
			bootstrapServers = external;
		}
		else {
			broker = TestKafka.startEmbedded();
			bootstrapServers = broker.getBrokersAsString();
		}
		io.wabaflow.devstack.DevKeysSeeder.seed(bootstrapServers);
	}

	static String kafka() {
		return bootstrapServers;
	}

	String infrastructure() {
		return "Kafka " + (broker == null ? "external" : "embedded KRaft") + " at " + kafka() + ", PostgreSQL "
				+ TestPostgres.kind();
	}

	GraphSandbox sandbox(SandboxSettings settings) {
		sandbox = GraphSandbox.start(settings.withApp(APP_ID, APP_SECRET).withVerifyToken(VERIFY_TOKEN));
		running.add(0, sandbox);
		return sandbox;
	}

	TokenCipher cipher() {
		return new TokenCipher(tokenKey, List.of());
	}

	/** A service on a free port, with a fresh database of its own, pointed at the broker and the sandbox. */
	ConfigurableApplicationContext service(Class<?> application, String... own) {
		TestPostgres.TestDatabase database = TestPostgres.newDatabase("bench");
		Map<String, String> environment = new LinkedHashMap<>(ServiceEnvironment.of(secrets, kafka(), database.jdbcUrl(),
				sandbox == null ? null : sandbox.baseUrl(), sandbox == null ? null : sandbox.settings().graphVersion()));
		environment.put("DATABASE_USER", database.user());
		environment.put("DATABASE_PASSWORD", database.password());
		List<String> arguments = new ArrayList<>(ServiceEnvironment.asArguments(environment));
		arguments.add("--server.port=0");
		arguments.addAll(List.of(own));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF)
				.run(arguments.toArray(String[]::new));
		running.add(0, context);
		return context;
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Override
	public void close() {
		for (AutoCloseable part : running) {
			try {
				part.close();
			}
			catch (Exception e) {
				// the next one still has to stop
			}
		}
		running.clear();
		if (broker != null) {
			broker.destroy();
		}
	}
}

package io.wabaflow.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wabaflow.devstack.DevKafka;
import io.wabaflow.devstack.DevPostgres;
import io.wabaflow.devstack.DevSecrets;
import io.wabaflow.devstack.Ports;
import io.wabaflow.devstack.ServiceEnvironment;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;

/**
 * The system under test: one Kafka broker and one PostgreSQL (in this JVM, each restartable on its port with its
 * data), the graph-sandbox (in this JVM, so tests script it and read what it received), and the four services,
 * each its own {@code java -jar} process configured as the devstack configures them. Everything lives under
 * {@code target/system-tests}: {@code data/} (broker and database) and {@code logs/} (one file per service).
 */
final class SystemStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SystemStack.class);

	/** Generous: four JVMs start at once on two cores shared with other builds. */
	static final Duration START_PATIENCE = Duration.ofMinutes(3);

	private static final String SYNC_GROUP_PREFIX = "wabaflow-sync-g";

	private final Path data;

	private final Path logs;

	private final int kafkaPort = Ports.anyFree();

	private final int kafkaControllerPort = Ports.anyFree();

	private final int postgresPort = Ports.anyFree();

	private final DevSecrets secrets = DevSecrets.from(name -> null);

	private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

	private DevKafka kafka;

	private DevPostgres postgres;

	private GraphSandbox sandbox;

	private SystemStack(Path home) {
		this.data = home.resolve("data");
		this.logs = home.resolve("logs");
	}

	static SystemStack start() {
		Path home = Path.of(System.getProperty("wabaflow.system-tests.dir", "target/system-tests"));
		SystemStack stack = new SystemStack(home);
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException e) {
			stack.close();
			throw e;
		}
	}

	private void startAll() {
		deleteRecursively(data);
		deleteRecursively(logs);
		createDirectories(logs);
		startBroker();
		startDatabase();
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, Ports.anyFree());
		}
		String ingress = "http://127.0.0.1:" + ports.get(Service.INGRESS);
		sandbox = GraphSandbox.start(SandboxSettings.defaults().withPort(Ports.anyFree())
				.withApp(secrets.appId(), secrets.appSecret()).withVerifyToken(secrets.verifyToken())
				.withCallbackUrl(ingress + "/webhooks/whatsapp").withFastTimings()
				// a delivery waits for the ingress's answer (its 503 after the 2 s publish timeout), and
				// Meta-style retries go on long enough to outlast a broker restart
				.with("sandbox.webhooks.timeout", "10s").with("sandbox.webhooks.max-attempts", "200")
				.with("sandbox.webhooks.keep", "100000"));
		Map<String, String> common = new HashMap<>(ServiceEnvironment.of(secrets, kafka.bootstrapServers(),
				postgres.jdbcUrl(), sandbox.baseUrl(), sandbox.settings().graphVersion()));
		// A consumer killed with SIGKILL never leaves its group: its partitions move on once its session
		// expires. 10 s instead of Kafka's 45 s keeps the fault runs short; nothing else depends on it.
		common.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "10000");
		// the media the sender downloads and the sync worker serves: one store for both, under target/
		common.put("WABAFLOW_MEDIA_DIRECTORY", data.resolve("media").toAbsolutePath().toString());
		for (Service service : Service.values()) {
			Map<String, String> environment = new HashMap<>(common);
			environment.putAll(settingsOf(service));
			services.put(service, new ServiceProcess(service, ports.get(service), environment, logs));
		}
		services.values().forEach(ServiceProcess::start);
		services.values().forEach(process -> process.awaitReady(START_PATIENCE));
		log.info("System stack up: Kafka {}, PostgreSQL {}, sandbox {}, {}; logs in {}", kafka.bootstrapServers(),
				postgres.jdbcUrl(), sandbox.baseUrl(), services.values().stream()
						.map(s -> s.service() + " " + s.url() + " pid " + s.pid()).toList(), logs.toAbsolutePath());
	}

	/** Each service's own settings for these tests: shorter time-outs, so that fault runs end in seconds. */
	private static Map<String, String> settingsOf(Service service) {
		return switch (service) {
			// 503 after 2 s without the broker (5 s by default)
			case INGRESS -> Map.of("WABAFLOW_PUBLISH_TIMEOUT", "2s");
			// a send whose answer a killed worker never recorded is in doubt after 10 s (60 s by default; it
			// must exceed the Graph request time-out); lost retries and unpublished events are found sooner
			case SENDER -> Map.of("META_GRAPH_REQUEST_TIMEOUT", "5s", "SENDER_IN_DOUBT_AFTER", "10s",
					"SENDER_PENDING_SLACK", "3s", "SENDER_PUBLISH_SLACK", "3s", "SENDER_SWEEP_INTERVAL", "1s");
			// a command that arrives while PostgreSQL is down fails after 2 s (30 s by default) and is retried
			case ONBOARDING -> Map.of("ONBOARDING_POLL_INTERVAL", "1s", "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000");
			case SYNC -> Map.of();
		};
	}

	ServiceProcess service(Service service) {
		return services.get(service);
	}

	String url(Service service) {
		return services.get(service).url();
	}

	String sandboxUrl() {
		return sandbox.baseUrl();
	}

	ScenarioClient scenario() {
		return sandbox.scenario();
	}

	String jdbcUrl() {
		return postgres.jdbcUrl();
	}

	/** The app secret the ingress verifies Meta's signatures with (the devstack's development one). */
	String appSecret() {
		return secrets.appSecret();
	}

	String kafkaBootstrapServers() {
		return "127.0.0.1:" + kafkaPort;
	}

	/** SIGKILL, then a new process on the same port with the same environment, serving again. */
	void killAndRestart(Service service) {
		ServiceProcess process = services.get(service);
		process.kill();
		process.start();
		process.awaitReady(START_PATIENCE);
	}

	synchronized void stopBroker() {
		if (kafka != null) {
			DevKafka stopping = kafka;
			kafka = null;
			stopping.close();
			log.info("Kafka broker stopped");
		}
	}

	synchronized void startBroker() {
		if (kafka == null) {
			kafka = DevKafka.start(data, kafkaPort, kafkaControllerPort);
		}
	}

	synchronized void stopDatabase() {
		if (postgres != null) {
			DevPostgres stopping = postgres;
			postgres = null;
			stopping.close();
			log.info("PostgreSQL stopped");
		}
	}

	synchronized void startDatabase() {
		if (postgres == null) {
			postgres = DevPostgres.start(data, postgresPort);
		}
	}

	/**
	 * After each test: whatever a fault run left stopped is started again, and the sandbox's trouble rules are
	 * cleared, so that one failed test does not fail the next for the wrong reason.
	 */
	void heal() {
		startBroker();
		startDatabase();
		List<ServiceProcess> restarted = new ArrayList<>();
		for (ServiceProcess process : services.values()) {
			if (!process.alive()) {
				process.start();
				restarted.add(process);
			}
		}
		restarted.forEach(process -> process.awaitReady(START_PATIENCE));
		scenario().delete("/delivery-chaos");
		scenario().delete("/errors");
	}

	/**
	 * Until the sync worker's consumers have committed every record of its source topics: everything that is
	 * in Kafka is then in its tables.
	 */
	void awaitSyncCaughtUp(Duration patience) {
		List<String> topics = List.of(Topics.WEBHOOKS.name(), Topics.MESSAGE_EVENTS.name(), Topics.PHONE_NUMBERS.name());
		// a generation's group counts from its start, before it committed anything
		awaitCaughtUp("the sync worker consuming every record of its topics", patience, topics,
				(group, description) -> group.startsWith(SYNC_GROUP_PREFIX), false);
	}

	/**
	 * Until every consumer group with members that reads {@code topic} (sync, sender, onboarding, ...) has committed
	 * its end. Groups nobody consumes for any more (a retired projection generation) do not count.
	 */
	void awaitEveryConsumerCaughtUp(String topic, Duration patience) {
		awaitCaughtUp("every consumer of " + topic + " at its end", patience, List.of(topic),
				(group, description) -> description != null && !description.members().isEmpty(), true);
	}

	/** The sum of a topic's end offsets: how many records it has had. */
	long endOffset(String topic) {
		try (Admin admin = admin()) {
			return endOffsets(admin, List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
		}
		catch (Exception e) {
			throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
		}
	}

	private void awaitCaughtUp(String what, Duration patience, List<String> topics,
			BiPredicate<String, ConsumerGroupDescription> counted, boolean onlyGroupsThatCommitted) {
		try (Admin admin = admin()) {
			await(what).atMost(patience).pollInterval(Duration.ofMillis(300))
					.until(() -> lag(admin, topics, counted, onlyGroupsThatCommitted) == 0);
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()));
	}

	/**
	 * What the counted groups still have to read of these topics (with {@code onlyGroupsThatCommitted}, only groups
	 * that committed on them: other groups read other topics); unknown until there is such a group.
	 */
	private static long lag(Admin admin, List<String> topics, BiPredicate<String, ConsumerGroupDescription> counted,
			boolean onlyGroupsThatCommitted) throws Exception {
		List<String> all = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
		Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(all).all().get();
		Map<TopicPartition, Long> ends = endOffsets(admin, topics);
		boolean any = false;
		long lag = 0;
		for (String group : all) {
			if (!counted.test(group, described.get(group))) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			if (onlyGroupsThatCommitted
					&& committed.keySet().stream().noneMatch(partition -> topics.contains(partition.topic()))) {
				continue;
			}
			any = true;
			for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				lag += end.getValue() - (at == null ? 0 : at.offset());
			}
		}
		return any ? lag : Long.MAX_VALUE;
	}

	private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
				.forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	/** Every process is killed, even when a test failed; then the sandbox, the broker and the database stop. */
	@Override
	public void close() {
		CompletableFuture.allOf(services.values().stream()
				.map(process -> CompletableFuture.runAsync(process::stop)).toArray(CompletableFuture[]::new)).join();
		closeQuietly(sandbox);
		sandbox = null;
		try {
			stopBroker();
		}
		catch (RuntimeException e) {
			log.warn("Stopping the broker failed: {}", e.toString());
		}
		try {
			stopDatabase();
		}
		catch (RuntimeException e) {
			log.warn("Stopping PostgreSQL failed: {}", e.toString());
		}
	}

	/** For a JVM that ends without {@link #close()} (a forked test JVM torn down): no service outlives it. */
	void killProcessesOnExit() {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> services.values().forEach(ServiceProcess::kill),
				"system-tests-kill-services"));
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception e) {
			log.warn("Stopping {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
		}
	}

	private static void createDirectories(Path path) {
		try {
			Files.createDirectories(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> all = Files.walk(path)) {
			for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot clear " + path, e);
		}
	}
}

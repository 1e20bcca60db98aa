package io.wabaflow.sender.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.sandbox.WebhookRecorder;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.send.SenderKind;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import io.wabaflow.sender.send.SendStore;
import io.wabaflow.testsupport.MutableClock;
import io.wabaflow.testsupport.RealInfrastructure;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;

/**
 * What the sender's integration tests share: one worker context on the JVM's real broker and a fresh
 * database, one graph-sandbox over real HTTP (a JVM singleton, so every test class shares the context),
 * the worker's clock, a tap on the topics the worker publishes, and helpers to set up numbers and users,
 * publish commands and look at what the sandbox received. Each test makes its own business, WABA and
 * numbers, so tests never see each other's messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("it")
@Import(SenderScenario.TestClock.class)
abstract class SenderScenario {

	static final Duration SETTLED = Duration.ofSeconds(30);

	private static final String APP_SECRET = "sender-it-app-secret";

	private static final AtomicInteger NUMBERS = new AtomicInteger();

	static final WebhookRecorder WEBHOOKS = WebhookRecorder.start(APP_SECRET, "verify");

	static final GraphSandbox SANDBOX = GraphSandbox.start(SandboxSettings.defaults()
			.withApp("1234567890123456", APP_SECRET).withCallbackUrl(WEBHOOKS.url()).withFastTimings()
			.with("sandbox.webhooks.concurrency", "4")
			// Meta's pair rate (45 borrowed, then one per 6 s) with a 1 s refill, as application-it.properties tells the
			// sender: a test of 60 messages to one user runs in seconds, not minutes
			.with("sandbox.pair-rate.refill-every", "1s"));

	static final ScenarioClient SCENARIO = SANDBOX.scenario();

	private static EventTap tap;

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

		@Bean
		Departures departures() {
			return new Departures();
		}
	}

	/** When each call left the worker, per number (System.nanoTime), through the dispatcher's seam. */
	static final class Departures implements io.wabaflow.sender.send.SendHooks {

		private final Map<String, List<Long>> byNumber = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void beforeCall(String commandId, String phoneNumberId) {
			byNumber.computeIfAbsent(phoneNumberId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
					.add(System.nanoTime());
		}

		List<Long> of(String phoneNumberId) {
			List<Long> times = new ArrayList<>(byNumber.getOrDefault(phoneNumberId, List.of()));
			times.sort(null);
			return times;
		}
	}

	@DynamicPropertySource
	static void graph(DynamicPropertyRegistry registry) {
		registry.add("wabaflow.sender.graph.base-url", SANDBOX::baseUrl);
		registry.add("wabaflow.sender.graph.version", () -> SANDBOX.settings().graphVersion());
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	TokenCipher cipher;

	@Autowired
	NumberRegistry registry;

	@Autowired
	SendStore store;

	@Autowired
	org.jdbi.v3.core.Jdbi jdbi;

	@Autowired
	Departures departures;

	/**
	 * The status API with the operator key of application-it.properties: the lifecycle tests look at every
	 * tenant's commands; who may see what is {@link TenancyIT}'s business.
	 */
	RestClient http;

	/** Seed keys of application-it.properties. */
	static final String TENANT_A = "sender-it-tenant-a";

	static final String TENANT_B = "sender-it-tenant-b";

	static final String TENANT_A_KEY = "sender-tenant-a-it-key";

	static final String TENANT_A_SEND_ONLY_KEY = "sender-tenant-a-send-only-it-key";

	static final String TENANT_B_KEY = "sender-tenant-b-it-key";

	static final String OPERATOR_KEY = "sender-ops-it-key";

	/** Which tenant registered each test number, so that commands carry the tenant that owns their number. */
	private static final Map<String, String> OWNERS = new java.util.concurrent.ConcurrentHashMap<>();

	@BeforeEach
	void harness() {
		http = RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader("Authorization", "Bearer " + OPERATOR_KEY).build();
		synchronized (SenderScenario.class) {
			if (tap == null) {
				tap = new EventTap(TestKafka.bootstrapServers());
			}
		}
	}

	EventTap tap() {
		return tap;
	}

	/**
	 * A number of a new business in the sandbox, registered as onboarding would (registry record), by
	 * {@code tenant}: the business itself unless a test names a tenant.
	 */
	record TestNumber(String phoneNumberId, String wabaId, String businessId, String tenant) {
	}

	TestNumber cloudNumber(Integer throughputMps) {
		return cloudNumber(throughputMps, null);
	}

	/** A cloud number registered to {@code tenant} (null: to its own business, one tenant per business). */
	TestNumber cloudNumber(Integer throughputMps, String tenant) {
		String business = SCENARIO.createBusiness("Loja " + NUMBERS.incrementAndGet());
		String owner = tenant == null ? business : tenant;
		String waba = SCENARIO.createWaba(business, true);
		String phone = SCENARIO.createCloudNumber(waba, "+55 11 4000-" + String.format("%04d", NUMBERS.get()), true);
		if (throughputMps != null) {
			SCENARIO.patch("/phone-numbers/" + phone, Map.of("throughputMps", throughputMps));
		}
		register(phone, waba, owner, NumberType.CLOUD, throughputMps, SCENARIO.businessToken(business));
		return new TestNumber(phone, waba, business, owner);
	}

	TestNumber coexistenceNumber() {
		String business = SCENARIO.createBusiness("Loja " + NUMBERS.incrementAndGet());
		String waba = SCENARIO.createWaba(business, true);
		String phone = SCENARIO.createCoexistenceNumber(waba, "+55 11 5000-" + String.format("%04d", NUMBERS.get()));
		register(phone, waba, business, NumberType.COEXISTENCE, null, SCENARIO.businessToken(business));
		return new TestNumber(phone, waba, business, business);
	}

	void register(String phone, String waba, String tenant, NumberType type, Integer mps, String token) {
		register(phone, waba, tenant, type, NumberStatus.ACTIVE, mps, token);
	}

	void register(String phone, String waba, String tenant, NumberType type, NumberStatus status, Integer mps,
			String token) {
		register(phone, waba, tenant, type, status, mps, null, token);
	}

	/** A registry record as the onboarding worker publishes it, {@code messagingLimit} included (null: none known). */
	void register(String phone, String waba, String tenant, NumberType type, NumberStatus status, Integer mps,
			Integer messagingLimit, String token) {
		Instant now = Instant.now();
		PhoneNumberRegistration registration = PhoneNumberRegistration.newBuilder().setPhoneNumberId(phone)
				.setTenantId(tenant).setWabaId(waba).setNumberType(type).setStatus(status)
				.setEncryptedAccessToken(java.nio.ByteBuffer.wrap(cipher.encrypt(token, phone)))
				.setThroughputMps(mps).setMessagingLimit(messagingLimit).setOnboardedAt(now).setUpdatedAt(now).build();
		OWNERS.put(phone, tenant);
		produce(Topics.PHONE_NUMBERS.name(), phone, registration);
		await().atMost(SETTLED).until(() -> registry.find(phone)
				.filter(n -> n.status() == status && java.util.Objects.equals(n.tenantId(), tenant)
						&& java.util.Objects.equals(n.messagingLimit(), messagingLimit)).isPresent());
	}

	/** A new user's phone number (digits), unique across tests. */
	static String newUser() {
		return "55119" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
	}

	/**
	 * A command of the tenant that registered {@code phone} (through {@link #register}); for a number no test
	 * registered here it names no tenant, so a test that wants another tenant sets it.
	 */
	static SendMessage command(String phone, String to, MessageType type, String contentJson) {
		return SendMessage.newBuilder().setCommandId("cmd-" + UUID.randomUUID()).setTenantId(OWNERS.get(phone))
				.setPhoneNumberId(phone).setTo(to).setType(type).setContentJson(contentJson).setSender(SenderKind.AGENT)
				.setIssuedAt(Instant.now()).build();
	}

	static SendMessage template(String phone, String to) {
		return command(phone, to, MessageType.TEMPLATE,
				"{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}");
	}

	static SendMessage text(String phone, String to, String body) {
		return command(phone, to, MessageType.TEXT, "{\"body\":\"" + body + "\",\"preview_url\":false}");
	}

	void send(SendMessage... commands) {
		for (SendMessage command : commands) {
			produce(Topics.SEND_COMMANDS.name(), command.getPhoneNumberId(), command);
		}
	}

	static void produce(String topic, String key, SpecificRecord value) {
		produceAll(List.of(new ProducerRecord<>(topic, key, value)));
	}

	static void produceAll(List<ProducerRecord<String, SpecificRecord>> records) {
		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new AvroSerializer())) {
			List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
			records.forEach(record -> acks.add(producer.send(record)));
			for (java.util.concurrent.Future<?> ack : acks) {
				ack.get();
			}
		}
		catch (Exception e) {
			throw new IllegalStateException("could not produce", e);
		}
	}

	/** The row once it reached one of the states. */
	Send awaitState(String commandId, SendState... states) {
		List<SendState> wanted = List.of(states);
		return await().atMost(SETTLED).pollInterval(Duration.ofMillis(50))
				.until(() -> store.find(commandId).orElse(null), row -> row != null && wanted.contains(row.state()));
	}

	/** The user writes to the number: the sandbox opens its window and its webhook reaches our topic. */
	void userWrites(TestNumber number, String user, String text) throws Exception {
		String wamid = SCENARIO.injectText(number.phoneNumberId(), user, text);
		WebhookRecorder.Received received = await().atMost(SETTLED)
				.until(() -> WEBHOOKS.accepted("messages").stream().filter(r -> r.body().contains(wamid)).findFirst()
						.orElse(null), r -> r != null);
		forward(received.rawBody());
	}

	/** A webhook body onto {@code wabaflow.webhooks.v1}, split per change as the ingress does. */
	static void forward(byte[] body) throws Exception {
		List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
		for (EnvelopeChange change : new EnvelopeSplitter().split(body)) {
			records.add(new ProducerRecord<>(Topics.WEBHOOKS.name(), change.partitionKey(),
					WebhookChange.newBuilder().setEventId(change.eventId()).setWabaId(change.wabaId())
							.setField(change.field()).setPhoneNumberId(change.phoneNumberId())
							.setValueJson(change.valueJson()).setEntryTime(change.entryTime())
							.setReceivedAt(Instant.now()).build()));
		}
		produceAll(records);
	}

	/** The Graph message calls the sandbox received for a number (accepted or not), oldest first. */
	static List<JsonNode> messageCalls(String phone) {
		List<JsonNode> calls = new ArrayList<>();
		SCENARIO.get("/calls?operation=messages&nodeId=" + phone).forEach(calls::add);
		return calls;
	}

	/** The messages the sandbox accepted from a number. */
	static List<JsonNode> accepted(String phone) {
		List<JsonNode> sent = new ArrayList<>();
		SCENARIO.sentMessages(phone).forEach(sent::add);
		return sent;
	}

	/** Graph calls of a number fail with {@code code} for the next {@code times} calls. */
	static void failCalls(String phone, int code, int times) {
		SCENARIO.post("/errors", Map.of("operation", "messages", "phoneNumberId", phone, "code", code, "times", times));
	}

	/**
	 * An APPROVED template of the number's WABA at Meta (the sandbox), and in the sender's catalogue: read again
	 * until it shows (a periodic read that started before the template existed may be the one a request joins).
	 */
	void approvedTemplate(TestNumber number, String name, String language, String category, String bodyText) {
		SCENARIO.post("/templates", Map.of("wabaId", number.wabaId(), "name", name, "language", language, "status",
				"APPROVED", "category", category, "components", List.of(Map.of("type", "BODY", "text", bodyText))));
		await().atMost(SETTLED).until(() -> {
			http.post().uri("/api/v1/wabas/{waba}/templates/sync", number.wabaId()).retrieve().toBodilessEntity();
			return http.get().uri("/api/v1/wabas/{waba}/templates?name={name}&language={language}", number.wabaId(), name,
					language).retrieve().body(String.class).contains("\"APPROVED\"");
		});
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> getMessage(String commandId) {
		return http.get().uri("/api/v1/messages/{id}", commandId).retrieve().body(Map.class);
	}

	/** Once the sender's window table has the user's message (its webhook consumed). */
	void awaitWindowOpen(String phone, String user) {
		await().atMost(SETTLED).until(() -> windowOf(phone, user) != null);
	}

	java.time.Instant windowOf(String phone, String user) {
		return jdbi.withHandle(handle -> handle.createQuery(
				"SELECT last_inbound_at FROM windows WHERE phone_number_id = :pn AND wa_id = :wa")
				.bind("pn", phone).bind("wa", user).mapTo(java.time.OffsetDateTime.class).findOne()
				.map(java.time.OffsetDateTime::toInstant).orElse(null));
	}
}

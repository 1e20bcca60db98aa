package io.wabaflow.onboarding.it;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.onboarding.StartOnboarding;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.testsupport.MutableClock;
import io.wabaflow.testsupport.RealInfrastructure;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker on the real broker and a fresh PostgreSQL database, calling graph-sandbox over HTTP. The tests of a
 * class share one Spring context (and so one database); they keep apart by tenant and business. The context is
 * closed after its class: two live workers in one JVM would both act on the same commands (each exchanging the
 * same single-use code), which a real deployment never does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("it")
@Import(OnboardingITSupport.TestClockConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OnboardingITSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The operator key seeded by application-it.properties (read, every tenant). */
	static final String API_KEY = "onboarding-it-api-key";

	/** A key of tenant onboarding-it-b (read), and one of the same tenant without read. */
	static final String TENANT_B_KEY = "onboarding-it-tenant-b-key";

	static final String SEND_ONLY_KEY = "onboarding-it-send-only-key";

	private static KafkaProducer<String, SpecificRecord> producer;

	@LocalServerPort
	int port;

	@Autowired
	Jdbi jdbi;

	@Autowired
	MutableClock clock;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	/** Started once the context (which creates the topics) is up. */
	Watcher watcher;

	@DynamicPropertySource
	static void graphSandbox(DynamicPropertyRegistry registry) {
		Sandbox.workerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}
	}

	@BeforeEach
	void watch() {
		watcher = Watcher.get();
	}

	@AfterEach
	void realTime() {
		clock.reset();
	}

	/** When a test fails: what the listeners, the dead-letter topics and the worker's tables say. */
	@RegisterExtension
	final TestWatcher diagnostics = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			Diagnostics.print(listeners, jdbi);
		}
	};

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static synchronized KafkaProducer<String, SpecificRecord> producer() {
		if (producer == null) {
			producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
					ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
					new AvroSerializer());
		}
		return producer;
	}

	static void send(String topic, String key, SpecificRecord value) {
		try {
			producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new IllegalStateException("Cannot publish to " + topic, e);
		}
	}

	static OnboardingCommand startOnboarding(String commandId, String tenant, String code, String wabaId,
			String phoneNumberId, String businessId, String sessionEvent) {
		return OnboardingCommand.newBuilder().setCommandId(commandId).setTenantId(tenant).setIssuedAt(Instant.now())
				.setPayload(StartOnboarding.newBuilder().setCode(code).setState("st-" + tenant).setWabaId(wabaId)
						.setPhoneNumberId(phoneNumberId).setBusinessId(businessId).setSessionEvent(sessionEvent).build())
				.build();
	}

	static OnboardingCommand coexistenceSync(String commandId, String tenant, String phoneNumberId,
			CoexistenceSyncType type) {
		return OnboardingCommand.newBuilder().setCommandId(commandId).setTenantId(tenant).setIssuedAt(Instant.now())
				.setPayload(RequestCoexistenceSync.newBuilder().setPhoneNumberId(phoneNumberId).setSyncType(type).build())
				.build();
	}

	static void command(OnboardingCommand command) {
		send(Topics.ONBOARDING_COMMANDS.name(),
				command.getTenantId() != null ? command.getTenantId() : phoneOf(command), command);
	}

	private static String phoneOf(OnboardingCommand command) {
		return command.getPayload() instanceof RequestCoexistenceSync sync ? sync.getPhoneNumberId() : command.getCommandId();
	}

	/** A GET of the worker's API: status and parsed body. */
	record Answer(int status, JsonNode body) {
	}

	Answer get(String path) {
		return get(path, API_KEY);
	}

	Answer get(String path, String apiKey) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
			if (apiKey != null) {
				request.header("Authorization", "Bearer " + apiKey);
			}
			HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body().isBlank() ? JSON.createObjectNode()
					: JSON.readTree(response.body()));
		}
		catch (Exception e) {
			throw new IllegalStateException("GET " + path + " failed", e);
		}
	}

	/** The tenant's integration log, oldest first. */
	List<JsonNode> log(String tenant) {
		Answer answer = get("/api/v1/tenants/" + tenant + "/onboarding/log?limit=1000");
		return answer.body().path("items").valueStream().toList();
	}

	/** How many Graph calls of an operation ({@code register}, {@code deregister}, ...) the sandbox took on a node. */
	static long callsOn(String operation, String nodeId) {
		return Sandbox.scenario().calls(operation).valueStream()
				.filter(call -> nodeId.equals(call.path("nodeId").asString())).count();
	}

	List<JsonNode> log(String tenant, String step) {
		return log(tenant).stream().filter(row -> step.equals(row.path("step").asString())).toList();
	}

	JsonNode status(String tenant) {
		return get("/api/v1/tenants/" + tenant + "/onboarding").body();
	}

	/** Waits until the group has consumed everything published so far on the topic (a redelivery was handled). */
	static void awaitConsumed(String group, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
					.map(p -> new TopicPartition(topic, p.partition())).toList();
			var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
					p -> OffsetSpec.latest()))).all().get();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
				return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
						|| (committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset()));
			});
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

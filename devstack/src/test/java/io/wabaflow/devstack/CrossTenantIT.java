package io.wabaflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.DevKeys;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.serde.AvroDeserializer;
import io.wabaflow.schemas.serde.AvroSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant isolation across the whole system as the devstack runs it (every service in this JVM, a real
 * broker, a real PostgreSQL, the sandbox as Meta). The demo gives tenant-a a coexistence number with a
 * conversation, commands and an onboarding, and tenant-b an onboarding of its own; then tenant-b's key
 * walks EVERY HTTP endpoint of every service against tenant-a's resources, and every endpoint must be in
 * the walk (a new endpoint without its cross-tenant case fails the test).
 */
class CrossTenantIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static Path dataDir;

	static Devstack devstack;

	static DevstackSettings settings;

	static DevDemo.Walked walked;

	/** Tenant-a keys holding one scope each: for the 403 of an endpoint needing another. */
	static String readOnlyKeyOfA;

	static String onboardingOnlyKeyOfA;

	/** A photo tenant-a's user sent, downloaded by the sender and served by the sync worker. */
	static String mediaOfA;

	@BeforeAll
	static void startAndWalkTheDemo() throws Exception {
		dataDir = Files.createTempDirectory("cross-tenant-it");
		settings = new DevstackSettings(dataDir, Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(),
				Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), true);
		devstack = Devstack.start(settings, DevSecrets.from(name -> null));
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		walked = new DevDemo(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
		System.out.println(printed.toString(StandardCharsets.UTF_8));
		try (ApiKeyIssuer keys = ApiKeyIssuer.connect(devstack.kafkaBootstrapServers())) {
			readOnlyKeyOfA = keys.create(DevKeys.TENANT_A, Set.of(Scope.READ), null, "read only", Instant.now()).secret();
			onboardingOnlyKeyOfA = keys.create(DevKeys.TENANT_A, Set.of(Scope.ONBOARDING_WRITE), null, "onboarding only",
					Instant.now()).secret();
		}
		mediaOfA = new ScenarioClient("http://127.0.0.1:" + settings.sandboxPort())
				.injectImage(walked.phoneNumberId(), walked.user(), "a foto do pedido").mediaId();
		await("the photo downloaded and served").atMost(Duration.ofSeconds(60)).until(() -> status("GET",
				url(Service.SYNC, "/api/v1/media/" + mediaOfA), null, DevKeys.TENANT_A_KEY) == 200);
		await().atMost(Duration.ofSeconds(10)).until(() -> status("GET", url(Service.SYNC, "/api/v1/phone-numbers"), null,
				readOnlyKeyOfA) == 200 && status("GET", url(Service.SYNC, "/api/v1/phone-numbers"), null,
						onboardingOnlyKeyOfA) == 403);
	}

	@AfterAll
	static void stop() {
		if (devstack != null) {
			devstack.close();
		}
	}

	enum Service {
		INGRESS, ONBOARDING, SENDER, SYNC
	}

	/** What tenant-b's key must get on tenant-a's resource. */
	enum Expect {
		/** 404: a tenant resource of another tenant. */
		NOT_FOUND,
		/** 200 without tenant-a's data in it: a list of the caller's own resources. */
		OWN_LIST,
		/** 403: an operator endpoint. */
		OPERATOR_ONLY
	}

	record Endpoint(Service service, String method, String pattern, String path, String body, Scope scope, Expect expect) {

		String mapping() {
			return method + " " + pattern.replaceAll("\\{[^}]*}", "{}");
		}
	}

	/** Every endpoint of every service, with tenant-a's resource filled in. */
	static List<Endpoint> endpoints() {
		String phone = walked.phoneNumberId();
		String conversation = phone + ":" + walked.user();
		String command = walked.replyCommand();
		String waba = walked.wabaId();
		String send = "{\"phone_number_id\":\"" + phone + "\",\"to\":\"" + walked.user()
				+ "\",\"type\":\"text\",\"content\":{\"body\":\"not mine\"}}";
		return List.of(
				new Endpoint(Service.INGRESS, "POST", "/api/v1/messages", "/api/v1/messages", send, Scope.MESSAGES_SEND,
						Expect.NOT_FOUND),
				new Endpoint(Service.INGRESS, "POST", "/api/v1/onboarding", "/api/v1/onboarding",
						"{\"code\":\"c\",\"state\":\"s\",\"tenant_id\":\"" + DevKeys.TENANT_A + "\"}", Scope.ONBOARDING_WRITE,
						Expect.NOT_FOUND),
				new Endpoint(Service.INGRESS, "POST", "/api/v1/phone-numbers/{}/coexistence/contacts-sync",
						"/api/v1/phone-numbers/" + phone + "/coexistence/contacts-sync", "", Scope.ONBOARDING_WRITE,
						Expect.NOT_FOUND),
				new Endpoint(Service.INGRESS, "POST", "/api/v1/phone-numbers/{}/coexistence/history-sync",
						"/api/v1/phone-numbers/" + phone + "/coexistence/history-sync", "", Scope.ONBOARDING_WRITE,
						Expect.NOT_FOUND),
				new Endpoint(Service.INGRESS, "POST", "/api/v1/phone-numbers/{}/messages/{}/read",
						"/api/v1/phone-numbers/" + phone + "/messages/wamid.not-mine/read", "{\"typing_indicator\":true}",
						Scope.MESSAGES_SEND, Expect.NOT_FOUND),
				new Endpoint(Service.INGRESS, "GET", "/api/v1/commands/{}", "/api/v1/commands/" + command, null, Scope.READ,
						Expect.NOT_FOUND),
				new Endpoint(Service.ONBOARDING, "GET", "/api/v1/tenants/{}/onboarding",
						"/api/v1/tenants/" + DevKeys.TENANT_A + "/onboarding", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.ONBOARDING, "GET", "/api/v1/tenants/{}/onboarding/log",
						"/api/v1/tenants/" + DevKeys.TENANT_A + "/onboarding/log", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "GET", "/api/v1/messages/{}", "/api/v1/messages/" + command, null, Scope.READ,
						Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "GET", "/api/v1/wabas/{}/templates", "/api/v1/wabas/" + waba + "/templates", null,
						Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "POST", "/api/v1/wabas/{}/templates", "/api/v1/wabas/" + waba + "/templates",
						"{\"name\":\"not_mine\",\"language\":\"en_US\",\"category\":\"UTILITY\","
								+ "\"components\":[{\"type\":\"BODY\",\"text\":\"hi\"}]}",
						Scope.TEMPLATES_WRITE, Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "DELETE", "/api/v1/wabas/{}/templates/{}",
						"/api/v1/wabas/" + waba + "/templates/hello_world", null, Scope.TEMPLATES_WRITE, Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "POST", "/api/v1/media", "/api/v1/media?phone_number_id=" + phone, "{}",
						Scope.MESSAGES_SEND, Expect.NOT_FOUND),
				new Endpoint(Service.SENDER, "POST", "/api/v1/wabas/{}/templates/sync",
						"/api/v1/wabas/" + waba + "/templates/sync", "", Scope.TEMPLATES_WRITE, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers", "/api/v1/phone-numbers", null, Scope.READ,
						Expect.OWN_LIST),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/conversations",
						"/api/v1/phone-numbers/" + phone + "/conversations", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/contacts",
						"/api/v1/phone-numbers/" + phone + "/contacts", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/contacts/{}",
						"/api/v1/phone-numbers/" + phone + "/contacts/" + walked.user(), null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/messages/{}",
						"/api/v1/phone-numbers/" + phone + "/messages/" + command, null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/history-sync",
						"/api/v1/phone-numbers/" + phone + "/history-sync", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/pricing",
						"/api/v1/phone-numbers/" + phone + "/pricing", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/phone-numbers/{}/webhook-events",
						"/api/v1/phone-numbers/" + phone + "/webhook-events", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/media/{}", "/api/v1/media/" + mediaOfA, null, Scope.READ,
						Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/conversations/{}", "/api/v1/conversations/" + conversation, null,
						Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/conversations/{}/calls",
						"/api/v1/conversations/" + conversation + "/calls", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "GET", "/api/v1/conversations/{}/messages",
						"/api/v1/conversations/" + conversation + "/messages", null, Scope.READ, Expect.NOT_FOUND),
				new Endpoint(Service.SYNC, "POST", "/admin/projections/rebuild", "/admin/projections/rebuild", "", Scope.ADMIN,
						Expect.OPERATOR_ONLY),
				new Endpoint(Service.SYNC, "GET", "/admin/projections", "/admin/projections", null, Scope.ADMIN,
						Expect.OPERATOR_ONLY),
				new Endpoint(Service.SYNC, "GET", "/admin/projections/rebuild", "/admin/projections/rebuild", null, Scope.ADMIN,
						Expect.OPERATOR_ONLY),
				new Endpoint(Service.SYNC, "DELETE", "/admin/projections/generations/{}", "/admin/projections/generations/1",
						null, Scope.ADMIN, Expect.OPERATOR_ONLY),
				new Endpoint(Service.SYNC, "PUT", "/admin/consumers/{}/hold", "/admin/consumers/wabaflow-sync-x/hold", "",
						Scope.ADMIN, Expect.OPERATOR_ONLY),
				new Endpoint(Service.SYNC, "DELETE", "/admin/consumers/{}/hold", "/admin/consumers/wabaflow-sync-x/hold",
						null, Scope.ADMIN, Expect.OPERATOR_ONLY));
	}

	@Test
	void theWalkCoversEveryProtectedEndpointOfEveryService() {
		Set<String> mapped = new TreeSet<>();
		for (ConfigurableApplicationContext context : devstack.serviceContexts()) {
			context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> {
				for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
					for (String pattern : info.getPatternValues()) {
						if (pattern.startsWith("/api/") || pattern.startsWith("/admin/")) {
							Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition()
									.getMethods();
							methods.forEach(method -> mapped.add(method + " " + pattern.replaceAll("\\{[^}]*}", "{}")));
						}
					}
				}
			});
		}
		Set<String> walked = new TreeSet<>();
		endpoints().forEach(endpoint -> walked.add(endpoint.mapping()));
		assertThat(walked).as("the cross-tenant walk must name every endpoint").isEqualTo(mapped);
	}

	@Test
	void tenantBsKeyGets404OnEveryOneOfTenantAsResources() throws Exception {
		long sendsBefore = sentFrom(walked.phoneNumberId());
		List<String> failures = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			HttpResponse<String> response = send(endpoint.method(), url(endpoint.service(), endpoint.path()), endpoint.body(),
					DevKeys.TENANT_B_KEY);
			int expected = switch (endpoint.expect()) {
				case NOT_FOUND -> 404;
				case OWN_LIST -> 200;
				case OPERATOR_ONLY -> 403;
			};
			if (response.statusCode() != expected) {
				failures.add(endpoint.mapping() + " answered " + response.statusCode() + " (expected " + expected + "): "
						+ response.body());
				continue;
			}
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			if (expected != 200 ? !contentType.startsWith("application/problem+json") : !contentType.contains("json")) {
				failures.add(endpoint.mapping() + " answered " + (expected != 200 ? "an error that is not problem+json"
						: "without a JSON body") + ": " + contentType);
			}
			if (response.body().contains(walked.phoneNumberId()) && endpoint.expect() == Expect.OWN_LIST) {
				failures.add(endpoint.mapping() + " showed tenant-a's number to tenant-b: " + response.body());
			}
			// problem+json's "instance" repeats the path the caller sent (which names tenant-a's user here): not a leak
			String answered = response.body().replaceAll("\"instance\":\"[^\"]*\"", "");
			if (answered.contains(walked.user()) || answered.contains(DevKeys.TENANT_B_KEY)) {
				failures.add(endpoint.mapping() + " leaked data in: " + response.body());
			}
		}
		assertThat(failures).isEmpty();
		assertThat(sentFrom(walked.phoneNumberId())).as("nothing sent from tenant-a's number").isEqualTo(sendsBefore);

		// and tenant-a's own key reads the same resources
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.method().equals("GET") && endpoint.expect() != Expect.OPERATOR_ONLY) {
				assertThat(status("GET", url(endpoint.service(), endpoint.path()), null, DevKeys.TENANT_A_KEY))
						.as(endpoint.mapping() + " with tenant-a's key").isEqualTo(200);
			}
		}
		JsonNode own = JSON.readTree(send("GET", url(Service.SYNC, "/api/v1/phone-numbers"), null, DevKeys.TENANT_A_KEY).body());
		assertThat(own.toString()).contains(walked.phoneNumberId());
		JsonNode all = JSON.readTree(send("GET", url(Service.SYNC, "/api/v1/phone-numbers"), null, DevKeys.OPERATOR_KEY).body());
		assertThat(all.toString()).contains(walked.phoneNumberId());
		assertThat(status("GET", url(Service.SYNC, "/admin/projections"), null, DevKeys.OPERATOR_KEY)).isEqualTo(200);
	}

	/** Every service describes its HTTP API at /v3/api-docs (OpenAPI, springdoc), every endpoint of the walk in it. */
	@Test
	void everyServiceServesItsOpenApiDocumentWithEveryEndpoint() throws Exception {
		List<String> failures = new ArrayList<>();
		for (Service service : Service.values()) {
			HttpResponse<String> docs = send("GET", url(service, "/v3/api-docs"), null, null);
			if (docs.statusCode() != 200) {
				failures.add(service + " /v3/api-docs answered " + docs.statusCode());
				continue;
			}
			JsonNode paths = JSON.readTree(docs.body()).path("paths");
			Set<String> documented = new TreeSet<>();
			paths.propertyNames().forEach(path -> paths.path(path).propertyNames()
					.forEach(method -> documented.add(method.toUpperCase() + " " + path.replaceAll("\\{[^}]*}", "{}"))));
			endpoints().stream().filter(endpoint -> endpoint.service() == service).map(Endpoint::mapping)
					.filter(mapping -> !documented.contains(mapping))
					.forEach(mapping -> failures.add(service + " does not document " + mapping));
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void withoutAKeyEveryEndpointIs401AndWithoutTheScopeIs403() throws Exception {
		List<String> failures = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			int anonymous = status(endpoint.method(), url(endpoint.service(), endpoint.path()), endpoint.body(), null);
			if (anonymous != 401) {
				failures.add(endpoint.mapping() + " without a key: " + anonymous);
			}
			String lacking = switch (endpoint.scope()) {
				case READ, MESSAGES_SEND -> onboardingOnlyKeyOfA;
				case ONBOARDING_WRITE, TEMPLATES_WRITE -> readOnlyKeyOfA;
				case ADMIN -> DevKeys.TENANT_A_KEY;
			};
			HttpResponse<String> response = send(endpoint.method(), url(endpoint.service(), endpoint.path()), endpoint.body(),
					lacking);
			if (response.statusCode() != 403 || !response.body().contains("'" + endpoint.scope().value() + "'")
					|| !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
				failures.add(endpoint.mapping() + " without scope " + endpoint.scope().value() + ": " + response.statusCode()
						+ " " + response.headers().firstValue("Content-Type").orElse("") + " " + response.body());
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void aRevokedKeyIsRefusedByEveryServiceWithinFiveSecondsWhileTheRotatedOneWorks() throws Exception {
		try (ApiKeyIssuer keys = ApiKeyIssuer.connect(devstack.kafkaBootstrapServers())) {
			ApiKeyIssuer.IssuedKey first = keys.create(DevKeys.TENANT_A, Set.of(Scope.READ), null, "first", Instant.now());
			ApiKeyIssuer.IssuedKey second = keys.create(DevKeys.TENANT_A, Set.of(Scope.READ), null, "second", Instant.now());
			await().atMost(Duration.ofSeconds(5)).until(() -> everyServiceAnswers(first.secret(), 200)
					&& everyServiceAnswers(second.secret(), 200));

			keys.revoke(first.keyId());

			await().atMost(Duration.ofSeconds(5)).until(() -> everyServiceAnswers(first.secret(), 401));
			assertThat(everyServiceAnswers(second.secret(), 200)).isTrue();
		}
	}

	@Test
	void anExpiredKeyIsRefusedByEveryService() throws Exception {
		try (ApiKeyIssuer keys = ApiKeyIssuer.connect(devstack.kafkaBootstrapServers())) {
			ApiKeyIssuer.IssuedKey key = keys.create(DevKeys.TENANT_A, Set.of(Scope.READ), Instant.now().plusSeconds(4),
					"short-lived", Instant.now());
			await().atMost(Duration.ofSeconds(4)).until(() -> everyServiceAnswers(key.secret(), 200));
			await().atMost(Duration.ofSeconds(10)).until(() -> everyServiceAnswers(key.secret(), 401));
		}
	}

	@Test
	void commandsOnKafkaNamingAnotherTenantOrNoneAreRejectedAndNeverReachMeta() throws Exception {
		String phone = walked.phoneNumberId();
		String sendAsB = "xt-send-" + UUID.randomUUID();
		String sendWithoutTenant = "xt-send-none-" + UUID.randomUUID();
		String offboardAsB = "xt-offboard-" + UUID.randomUUID();
		String syncAsB = "xt-sync-" + UUID.randomUUID();
		ScenarioClient scenario = new ScenarioClient("http://127.0.0.1:" + settings.sandboxPort());
		int callsBefore = scenario.calls(null).size();
		long sentBefore = sentFrom(phone);

		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()), new StringSerializer(),
				new AvroSerializer())) {
			producer.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), phone, sendMessage(sendAsB, DevKeys.TENANT_B, phone)));
			producer.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), phone, sendMessage(sendWithoutTenant, null, phone)));
			producer.send(new ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(), DevKeys.TENANT_B,
					OnboardingCommand.newBuilder().setCommandId(offboardAsB).setTenantId(DevKeys.TENANT_B)
							.setIssuedAt(Instant.now()).setPayload(Offboard.newBuilder().setPhoneNumberId(phone)
									.setReason("taking it").build()).build()));
			producer.send(new ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(), DevKeys.TENANT_B,
					OnboardingCommand.newBuilder().setCommandId(syncAsB).setTenantId(DevKeys.TENANT_B)
							.setIssuedAt(Instant.now()).setPayload(RequestCoexistenceSync.newBuilder().setPhoneNumberId(phone)
									.setSyncType(CoexistenceSyncType.HISTORY).build()).build())).get();
		}

		Map<String, CommandResult> results = await().atMost(Duration.ofSeconds(30)).until(
				() -> results(Set.of(sendAsB, sendWithoutTenant, offboardAsB, syncAsB)), found -> found.size() == 4);
		assertThat(results.get(sendAsB).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		assertThat(results.get(sendAsB).getHttpStatus()).isEqualTo(404);
		assertThat(results.get(sendWithoutTenant).getErrorCode()).isEqualTo("TENANT_REQUIRED");
		assertThat(results.get(offboardAsB).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		assertThat(results.get(syncAsB).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		assertThat(results.values()).allSatisfy(result -> assertThat(result.getOutcome().name()).isEqualTo("REJECTED"));

		assertThat(scenario.calls(null).size()).as("no Graph API call for any of them").isEqualTo(callsBefore);
		assertThat(sentFrom(phone)).isEqualTo(sentBefore);
		JsonNode status = JSON.readTree(send("GET", url(Service.ONBOARDING, "/api/v1/tenants/" + DevKeys.TENANT_A
				+ "/onboarding"), null, DevKeys.TENANT_A_KEY).body());
		assertThat(status.toString()).as("tenant-a's number is still connected").contains("\"status\":\"active\"");
	}

	private static SendMessage sendMessage(String commandId, String tenant, String phone) {
		return SendMessage.newBuilder().setCommandId(commandId).setTenantId(tenant).setPhoneNumberId(phone)
				.setTo(walked.user()).setType(MessageType.TEXT).setContentJson("{\"body\":\"not yours\"}")
				.setIssuedAt(Instant.now()).build();
	}

	/** The results of these commands published so far. */
	private static Map<String, CommandResult> results(Set<String> commandIds) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Map<String, CommandResult> found = new HashMap<>();
		AvroDeserializer avro = new AvroDeserializer();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS.name()).stream()
					.map(info -> new TopicPartition(info.topic(), info.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (commandIds.contains(record.key())) {
						found.put(record.key(), avro.deserialize(record.topic(), record.value(), CommandResult.class));
					}
				}
			}
		}
		return found;
	}

	private static long sentFrom(String phone) {
		return new ScenarioClient("http://127.0.0.1:" + settings.sandboxPort()).sentMessages(phone).size();
	}

	/** Whether one read endpoint of each service answers {@code expected} to the key. */
	private static boolean everyServiceAnswers(String key, int expected) throws Exception {
		return status("GET", url(Service.INGRESS, "/api/v1/commands/" + walked.replyCommand()), null, key) == expected
				&& status("GET", url(Service.ONBOARDING, "/api/v1/tenants/" + DevKeys.TENANT_A + "/onboarding"), null,
						key) == expected
				&& status("GET", url(Service.SENDER, "/api/v1/messages/" + walked.replyCommand()), null, key) == expected
				&& status("GET", url(Service.SYNC, "/api/v1/phone-numbers"), null, key) == expected;
	}

	static String url(Service service, String path) {
		int port = switch (service) {
			case INGRESS -> settings.ingressPort();
			case ONBOARDING -> settings.onboardingPort();
			case SENDER -> settings.senderPort();
			case SYNC -> settings.syncPort();
		};
		return "http://127.0.0.1:" + port + path;
	}

	static int status(String method, String url, String body, String key) throws IOException, InterruptedException {
		return send(method, url, body, key).statusCode();
	}

	static HttpResponse<String> send(String method, String url, String body, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
				.header("Content-Type", "application/json");
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}

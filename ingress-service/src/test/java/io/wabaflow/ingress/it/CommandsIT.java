package io.wabaflow.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.onboarding.StartOnboarding;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command API through real HTTP onto the real broker, with a test worker answering on the results topic. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"wabaflow.ingress.app-secrets=app-secret",
		"wabaflow.ingress.verify-token=verify-token",
		"wabaflow.api.seed-keys[0].key=key-of-tenant-a", "wabaflow.api.seed-keys[0].tenant=commands-it-a",
		"wabaflow.api.seed-keys[0].scopes=read,messages:send,onboarding:write",
		"wabaflow.api.seed-keys[1].key=key-of-tenant-b", "wabaflow.api.seed-keys[1].tenant=commands-it-b",
		"wabaflow.api.seed-keys[1].scopes=read,messages:send,onboarding:write",
		"wabaflow.api.seed-keys[2].key=read-only-key-of-tenant-a", "wabaflow.api.seed-keys[2].tenant=commands-it-a",
		"wabaflow.api.seed-keys[2].scopes=read",
		"wabaflow.api.seed-keys[3].key=commands-it-ops-key", "wabaflow.api.seed-keys[3].tenant=",
		"wabaflow.api.seed-keys[3].scopes=admin,read,messages:send,onboarding:write" })
class CommandsIT {

	static final String KEY = "key-of-tenant-a";

	static final String TENANT_A = "commands-it-a";

	static final String TENANT_B = "commands-it-b";

	/** Tenant A's number, in the registry before the ingress starts. */
	static final String NUMBER_OF_A = "pn-of-a-" + UUID.randomUUID();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) throws Exception {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		Registry.register(NUMBER_OF_A, TENANT_A);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestWorker worker;

	Http http;

	final Topic sendCommands = new Topic(TestKafka.bootstrapServers(), Topics.SEND_COMMANDS.name());

	final Topic onboardingCommands = new Topic(TestKafka.bootstrapServers(), Topics.ONBOARDING_COMMANDS.name());

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@Test
	void commandsWithoutAValidApiKeyAreRefusedAndNothingIsPublished() {
		long before = sendCommands.endOffsetSum();

		HttpResponse<String> none = http.postJson("/api/v1/messages", textMessage("pn-1", "hi"));
		HttpResponse<String> wrong = http.postJson("/api/v1/messages", textMessage("pn-1", "hi"),
				"Authorization", "Bearer key-of-nobody");
		HttpResponse<String> notBearer = http.postJson("/api/v1/messages", textMessage("pn-1", "hi"),
				"Authorization", "Basic " + KEY);
		HttpResponse<String> status = http.send(http.request("/api/v1/commands/x").GET().build());

		assertThat(List.of(none, wrong, notBearer, status)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					value -> assertThat(value).startsWith("Bearer"));
		});
		assertThat(sendCommands.endOffsetSum()).isEqualTo(before);
	}

	@Test
	void aValidMessageIsPublishedThenAcceptedWithItsCommandId() {
		String number = "pn-" + UUID.randomUUID();

		HttpResponse<String> response = http.postJson("/api/v1/messages", """
				{"phone_number_id":"%s","to":"+5511999990000","type":"text","content":{"body":"Olá 👋","preview_url":false},
				 "reply_to":"wamid.ABC","biz_opaque_callback_data":"order-42"}
				""".formatted(number), "Authorization", "Bearer " + KEY);

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = JSON.readTree(response.body());
		String commandId = body.get("command_id").stringValue();
		assertThat(body.get("status_url").stringValue()).isEqualTo("/api/v1/commands/" + commandId);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/commands/" + commandId);
		List<ConsumerRecord<String, SendMessage>> records = sendCommands.all(SendMessage.class,
				message -> message.getCommandId().equals(commandId));
		assertThat(records).singleElement().satisfies(record -> {
			assertThat(record.key()).isEqualTo(number);
			SendMessage message = record.value();
			assertThat(message.getType()).isEqualTo(MessageType.TEXT);
			assertThat(message.getTo()).isEqualTo("+5511999990000");
			assertThat(JSON.readTree(message.getContentJson()).get("body").stringValue()).isEqualTo("Olá 👋");
			assertThat(message.getReplyTo()).isEqualTo("wamid.ABC");
			assertThat(message.getBizOpaqueCallbackData()).isEqualTo("order-42");
			assertThat(message.getIssuedAt()).isAfter(Instant.now().minusSeconds(60));
		});
	}

	@Test
	void onboardingIsPublishedKeyedByTheKeysTenantWithTheKeyIdThatIssuedIt() {
		String tenant = TENANT_A;

		HttpResponse<String> response = http.postJson("/api/v1/onboarding", """
				{"code":"AQBx-code","state":"st-1","waba_id":"102290129340398","phone_number_id":"",
				 "business_id":"942647313864044"}
				""", "Authorization", "Bearer " + KEY);

		assertThat(response.statusCode()).isEqualTo(202);
		String commandId = JSON.readTree(response.body()).get("command_id").stringValue();
		ConsumerRecord<String, OnboardingCommand> record = onboardingCommands.all(OnboardingCommand.class,
				command -> command.getCommandId().equals(commandId)).get(0);
		assertThat(record.key()).isEqualTo(tenant);
		assertThat(record.value().getTenantId()).isEqualTo(tenant);
		assertThat(record.value().getIssuedBy()).isEqualTo(io.wabaflow.platform.access.ApiKeyFormat.keyId(KEY));
		assertThat(record.value().getPayload()).isInstanceOfSatisfying(StartOnboarding.class, start -> {
			assertThat(start.getCode()).isEqualTo("AQBx-code");
			assertThat(start.getState()).isEqualTo("st-1");
			assertThat(start.getWabaId()).isEqualTo("102290129340398");
			assertThat(start.getPhoneNumberId()).isNull();
			assertThat(start.getBusinessId()).isEqualTo("942647313864044");
		});
	}

	@Test
	void invalidCommandsAreRefusedWithFieldLevelProblems() {
		long before = sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum();

		HttpResponse<String> empty = http.postJson("/api/v1/messages", "{}", "Authorization", "Bearer " + KEY);
		HttpResponse<String> blankBody = http.postJson("/api/v1/messages", """
				{"phone_number_id":"pn-1","to":"5511999990000","type":"text","content":{"body":""}}
				""", "Authorization", "Bearer " + KEY);
		HttpResponse<String> fourButtons = http.postJson("/api/v1/messages", """
				{"phone_number_id":"pn-1","to":"5511999990000","type":"interactive","content":{"type":"button",
				 "body":{"text":"Pick"},"action":{"buttons":[
				  {"type":"reply","reply":{"id":"1","title":"One"}},{"type":"reply","reply":{"id":"2","title":"Two"}},
				  {"type":"reply","reply":{"id":"3","title":"Three"}},{"type":"reply","reply":{"id":"4","title":"Four"}}]}}}
				""", "Authorization", "Bearer " + KEY);
		HttpResponse<String> unknownType = http.postJson("/api/v1/messages", """
				{"phone_number_id":"pn-1","to":"5511999990000","type":"carousel","content":{}}
				""", "Authorization", "Bearer " + KEY);
		HttpResponse<String> onboarding = http.postJson("/api/v1/onboarding", "{\"code\":\"c\"}",
				"Authorization", "Bearer " + KEY);
		HttpResponse<String> notJson = http.postJson("/api/v1/onboarding", "{\"code\":", "Authorization", "Bearer " + KEY);
		HttpResponse<String> badKey = http.postJson("/api/v1/messages", textMessage("pn-1", "hi"),
				"Authorization", "Bearer " + KEY, "Idempotency-Key", "x".repeat(256));

		assertThat(errors(empty)).containsExactlyInAnyOrder("phone_number_id", "to", "type", "content");
		assertThat(errors(blankBody)).containsExactly("content.body");
		assertThat(errors(fourButtons)).containsExactly("content.action.buttons");
		assertThat(errors(unknownType)).containsExactly("type");
		assertThat(errors(onboarding)).containsExactly("state");
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(notJson.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(errors(badKey)).containsExactly("Idempotency-Key");
		assertThat(JSON.readTree(blankBody.body()).at("/errors/0/message").stringValue()).isEqualTo("must not be blank");
		assertThat(sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum()).isEqualTo(before);
	}

	@Test
	void everyInteractiveKindIsAcceptedOverHttpAndABrokenOneNamesTheRuleItBroke() {
		String number = "pn-" + UUID.randomUUID();
		List<String> kinds = List.of("""
				{"type":"cta_url","body":{"text":"Veja as datas"},"action":{"name":"cta_url",
				 "parameters":{"display_text":"Ver datas","url":"https://example.com/datas"}}}""", """
				{"type":"flow","body":{"text":"Agende"},"action":{"name":"flow","parameters":{"flow_message_version":"3",
				 "flow_id":"1234567890","flow_cta":"Agendar","flow_action":"navigate",
				 "flow_action_payload":{"screen":"AGENDA"}}}}""", """
				{"type":"product","action":{"catalog_id":"194836987003835","product_retailer_id":"pao-frances"}}""", """
				{"type":"product_list","header":{"type":"text","text":"Padaria"},"body":{"text":"Escolha"},
				 "action":{"catalog_id":"194836987003835","sections":[{"title":"Pães",
				 "product_items":[{"product_retailer_id":"pao-frances"}]}]}}""", """
				{"type":"catalog_message","body":{"text":"Nosso catálogo"},"action":{"name":"catalog_message"}}""", """
				{"type":"location_request_message","body":{"text":"Onde entregamos?"},"action":{"name":"send_location"}}""",
				"""
				{"type":"address_message","body":{"text":"Qual o endereço?"},"action":{"name":"address_message",
				 "parameters":{"country":"IN"}}}""", """
				{"type":"request_contact_info","body":{"text":"Seu telefone?"},"action":{"name":"request_contact_info"}}""");
		for (String content : kinds) {
			HttpResponse<String> response = http.postJson("/api/v1/messages", """
					{"phone_number_id":"%s","to":"5511999990000","type":"interactive","content":%s}"""
					.formatted(number, content), "Authorization", "Bearer " + KEY);
			assertThat(response.statusCode()).as(content + " → " + response.body()).isEqualTo(202);
		}
		HttpResponse<String> longCta = http.postJson("/api/v1/messages", """
				{"phone_number_id":"%s","to":"5511999990000","type":"interactive","content":{"type":"flow",
				 "body":{"text":"?"},"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_id":"1",
				 "flow_cta":"%s","flow_action":"navigate"}}}}""".formatted(number, "x".repeat(31)),
				"Authorization", "Bearer " + KEY);
		assertThat(longCta.statusCode()).isEqualTo(400);
		assertThat(errors(longCta)).containsExactly("content.action.parameters.flow_cta");
	}

	@Test
	void markAsReadWithTheTypingIndicatorIsAMarkReadCommandPublishedOncePerIdempotencyKey() {
		String number = "pn-" + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		String path = "/api/v1/phone-numbers/" + number + "/messages/wamid.HBgLNTUxMTk=/read";

		HttpResponse<String> first = http.postJson(path, "{\"typing_indicator\":true}", "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key);
		HttpResponse<String> again = http.postJson(path, "{\"typing_indicator\":true}", "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key);
		HttpResponse<String> plain = http.postJson(path.replace("wamid.HBgLNTUxMTk=", "wamid.OTHER"), "",
				"Authorization", "Bearer " + KEY);

		assertThat(first.statusCode()).isEqualTo(202);
		String commandId = JSON.readTree(first.body()).get("command_id").stringValue();
		assertThat(JSON.readTree(again.body()).get("command_id").stringValue()).isEqualTo(commandId);
		assertThat(sendCommands.all(SendMessage.class, m -> m.getCommandId().equals(commandId))).singleElement()
				.satisfies(record -> {
					SendMessage message = record.value();
					assertThat(message.getType()).isEqualTo(MessageType.MARK_READ);
					assertThat(message.getPhoneNumberId()).isEqualTo(number);
					JsonNode content = JSON.readTree(message.getContentJson());
					assertThat(content.get("message_id").stringValue()).isEqualTo("wamid.HBgLNTUxMTk=");
					assertThat(content.get("typing_indicator").get("type").stringValue()).isEqualTo("text");
				});
		assertThat(plain.statusCode()).as("no body: read only").isEqualTo(202);
		String plainId = JSON.readTree(plain.body()).get("command_id").stringValue();
		assertThat(sendCommands.all(SendMessage.class, m -> m.getCommandId().equals(plainId))).singleElement()
				.satisfies(record -> assertThat(JSON.readTree(record.value().getContentJson()).has("typing_indicator"))
						.isFalse());
	}

	@Test
	void theSameIdempotencyKeyTwicePublishesOnceAndAnswersTheSameCommandId() {
		String key = UUID.randomUUID().toString();
		String message = textMessage("pn-" + UUID.randomUUID(), "only once");

		HttpResponse<String> first = http.postJson("/api/v1/messages", message, "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key);
		HttpResponse<String> second = http.postJson("/api/v1/messages", message, "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key);
		HttpResponse<String> otherCaller = http.postJson("/api/v1/messages", message,
				"Authorization", "Bearer key-of-tenant-b", "Idempotency-Key", key);
		HttpResponse<String> reusedForAnother = http.postJson("/api/v1/messages", textMessage("pn-x", "other"),
				"Authorization", "Bearer " + KEY, "Idempotency-Key", key);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		String commandId = JSON.readTree(first.body()).get("command_id").stringValue();
		assertThat(JSON.readTree(second.body()).get("command_id").stringValue()).isEqualTo(commandId);
		assertThat(sendCommands.all(SendMessage.class, m -> m.getCommandId().equals(commandId))).hasSize(1);
		assertThat(otherCaller.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(otherCaller.body()).get("command_id").stringValue()).isNotEqualTo(commandId);
		assertThat(reusedForAnother.statusCode()).isEqualTo(422);
		assertThat(reusedForAnother.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void preferWaitAnswersWithTheWorkersOutcome() {
		String okNumber = "pn-coex-ok-" + UUID.randomUUID();

		HttpResponse<String> ok = http.postJson("/api/v1/phone-numbers/" + okNumber + "/coexistence/history-sync",
				null, "Authorization", "Bearer " + KEY, "Prefer", "wait=20");
		HttpResponse<String> notCoexistence = http.postJson(
				"/api/v1/phone-numbers/pn-not-coex-" + UUID.randomUUID() + "/coexistence/contacts-sync", null,
				"Authorization", "Bearer " + KEY, "Prefer", "respond-async, wait=20");
		HttpResponse<String> alreadyRequested = http.postJson(
				"/api/v1/phone-numbers/pn-twice-" + UUID.randomUUID() + "/coexistence/contacts-sync", null,
				"Authorization", "Bearer " + KEY, "Prefer", "wait=20");

		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		JsonNode answer = JSON.readTree(ok.body());
		assertThat(answer.at("/data/request_id").stringValue()).isEqualTo("req-" + okNumber);
		assertThat(answer.get("outcome").stringValue()).isEqualTo("OK");
		assertThat(notCoexistence.statusCode()).isEqualTo(400);
		assertThat(notCoexistence.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(notCoexistence.body()).get("error_code").stringValue()).isEqualTo("NOT_COEXISTENCE");
		assertThat(alreadyRequested.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(alreadyRequested.body()).get("title").stringValue()).isEqualTo("ALREADY_REQUESTED");

		String commandId = answer.get("command_id").stringValue();
		HttpResponse<String> status = http.send(http.request("/api/v1/commands/" + commandId)
				.header("Authorization", "Bearer " + KEY).GET().build());
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(status.body()).at("/data/request_id").stringValue()).isEqualTo("req-" + okNumber);
		ConsumerRecord<String, OnboardingCommand> published = onboardingCommands.all(OnboardingCommand.class,
				command -> command.getCommandId().equals(commandId)).get(0);
		assertThat(published.key()).isEqualTo(TENANT_A);
		assertThat(published.value().getTenantId()).isEqualTo(TENANT_A);
		assertThat(((RequestCoexistenceSync) published.value().getPayload()).getSyncType())
				.isEqualTo(CoexistenceSyncType.HISTORY);
	}

	@Test
	void anUnreadableResultIsSkippedNotDeadLetteredAndLaterOutcomesStillArrive() throws Exception {
		Topic resultsDeadLetters = new Topic(TestKafka.bootstrapServers(), Topics.COMMAND_RESULTS.deadLetterTopic());
		long deadLettersBefore = resultsDeadLetters.endOffsetSum();
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
			for (int partition = 0; partition < Topics.COMMAND_RESULTS.partitions(); partition++) {
				raw.send(new ProducerRecord<>(Topics.COMMAND_RESULTS.name(), partition, "garbage",
						"not avro".getBytes(StandardCharsets.UTF_8))).get();
			}
		}

		HttpResponse<String> ok = http.postJson("/api/v1/phone-numbers/pn-coex-ok-" + UUID.randomUUID()
				+ "/coexistence/contacts-sync", null, "Authorization", "Bearer " + KEY, "Prefer", "wait=20");

		assertThat(ok.statusCode()).isEqualTo(200);
		// every ingress instance reads every result: none may dead-letter a bad one (each would, once more)
		assertThat(resultsDeadLetters.endOffsetSum()).isEqualTo(deadLettersBefore);
	}

	@Test
	void withoutAnOutcomeInTimePreferWaitFallsBackTo202() {
		long started = System.nanoTime();

		HttpResponse<String> response = http.postJson(
				"/api/v1/phone-numbers/pn-silent-" + UUID.randomUUID() + "/coexistence/contacts-sync", null,
				"Authorization", "Bearer " + KEY, "Prefer", "wait=1");

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
		String commandId = JSON.readTree(response.body()).get("command_id").stringValue();
		HttpResponse<String> status = http.send(http.request("/api/v1/commands/" + commandId)
				.header("Authorization", "Bearer " + KEY).GET().build());
		assertThat(JSON.readTree(status.body()).get("outcome").stringValue()).isEqualTo("PENDING");
		assertThat(worker.received).contains(commandId);
	}

	@Test
	void aRepeatedRequestAfterTheOutcomeGetsItAtOnce() {
		String key = UUID.randomUUID().toString();
		String path = "/api/v1/phone-numbers/pn-coex-ok-" + UUID.randomUUID() + "/coexistence/contacts-sync";
		HttpResponse<String> first = http.postJson(path, null, "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key, "Prefer", "wait=20");
		long started = System.nanoTime();

		HttpResponse<String> again = http.postJson(path, null, "Authorization", "Bearer " + KEY,
				"Idempotency-Key", key, "Prefer", "wait=20");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		String commandId = JSON.readTree(first.body()).get("command_id").stringValue();
		assertThat(worker.received.stream().filter(commandId::equals)).hasSize(1);
	}

	@Test
	void anotherTenantsNumberIsNotFoundAndNothingIsPublished() {
		long before = sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum();

		HttpResponse<String> send = http.postJson("/api/v1/messages", textMessage(NUMBER_OF_A, "hi"),
				"Authorization", "Bearer key-of-tenant-b", "Prefer", "wait=5");
		HttpResponse<String> sendNamingA = http.postJson("/api/v1/messages",
				textMessage(NUMBER_OF_A, "hi").replace("}}", "},\"tenant_id\":\"" + TENANT_A + "\"}"),
				"Authorization", "Bearer key-of-tenant-b");
		HttpResponse<String> sync = http.postJson("/api/v1/phone-numbers/" + NUMBER_OF_A + "/coexistence/history-sync",
				null, "Authorization", "Bearer key-of-tenant-b");
		HttpResponse<String> onboardAsA = http.postJson("/api/v1/onboarding",
				"{\"code\":\"c\",\"state\":\"s\",\"tenant_id\":\"" + TENANT_A + "\"}", "Authorization", "Bearer key-of-tenant-b");

		assertThat(List.of(send, sendNamingA, sync, onboardAsA)).allSatisfy(response -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).doesNotContain("commands-it-b");
		});
		assertThat(send.body()).contains("No phone number " + NUMBER_OF_A);
		assertThat(sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum()).isEqualTo(before);

		HttpResponse<String> own = http.postJson("/api/v1/messages", textMessage(NUMBER_OF_A, "mine"),
				"Authorization", "Bearer " + KEY);
		assertThat(own.statusCode()).isEqualTo(202);
		String commandId = JSON.readTree(own.body()).get("command_id").stringValue();
		assertThat(sendCommands.all(SendMessage.class, m -> m.getCommandId().equals(commandId))).singleElement()
				.satisfies(record -> {
					assertThat(record.value().getTenantId()).isEqualTo(TENANT_A);
					assertThat(record.value().getIssuedBy()).isEqualTo(io.wabaflow.platform.access.ApiKeyFormat.keyId(KEY));
				});
	}

	@Test
	void anotherTenantsCommandOutcomeIsNotFound() {
		HttpResponse<String> ok = http.postJson("/api/v1/phone-numbers/pn-coex-ok-" + UUID.randomUUID()
				+ "/coexistence/contacts-sync", null, "Authorization", "Bearer " + KEY, "Prefer", "wait=20");
		assertThat(ok.statusCode()).isEqualTo(200);
		String commandId = JSON.readTree(ok.body()).get("command_id").stringValue();

		HttpResponse<String> byB = http.send(http.request("/api/v1/commands/" + commandId)
				.header("Authorization", "Bearer key-of-tenant-b").GET().build());
		HttpResponse<String> byA = http.send(http.request("/api/v1/commands/" + commandId)
				.header("Authorization", "Bearer read-only-key-of-tenant-a").GET().build());
		HttpResponse<String> byOperator = http.send(http.request("/api/v1/commands/" + commandId)
				.header("Authorization", "Bearer commands-it-ops-key").GET().build());

		assertThat(byB.statusCode()).isEqualTo(404);
		assertThat(byB.body()).doesNotContain("request_id");
		assertThat(byA.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(byA.body()).get("outcome").stringValue()).isEqualTo("OK");
		assertThat(byOperator.statusCode()).isEqualTo(200);
	}

	@Test
	void aKeyWithoutTheScopeIs403NamingIt() {
		long before = sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum();

		HttpResponse<String> send = http.postJson("/api/v1/messages", textMessage(NUMBER_OF_A, "hi"),
				"Authorization", "Bearer read-only-key-of-tenant-a");
		HttpResponse<String> onboard = http.postJson("/api/v1/onboarding", "{\"code\":\"c\",\"state\":\"s\"}",
				"Authorization", "Bearer read-only-key-of-tenant-a");

		assertThat(send.statusCode()).isEqualTo(403);
		assertThat(send.body()).contains("'messages:send'");
		assertThat(onboard.statusCode()).isEqualTo(403);
		assertThat(onboard.body()).contains("'onboarding:write'");
		assertThat(sendCommands.endOffsetSum() + onboardingCommands.endOffsetSum()).isEqualTo(before);
	}

	@Test
	void anOperatorKeyActsForTheTenantThatOwnsTheNumber() {
		HttpResponse<String> known = http.postJson("/api/v1/messages", textMessage(NUMBER_OF_A, "from ops"),
				"Authorization", "Bearer commands-it-ops-key");
		HttpResponse<String> unknown = http.postJson("/api/v1/messages", textMessage("pn-nobody-" + UUID.randomUUID(), "x"),
				"Authorization", "Bearer commands-it-ops-key");
		HttpResponse<String> onboarding = http.postJson("/api/v1/onboarding", "{\"code\":\"c\",\"state\":\"s\"}",
				"Authorization", "Bearer commands-it-ops-key");

		assertThat(known.statusCode()).isEqualTo(202);
		String commandId = JSON.readTree(known.body()).get("command_id").stringValue();
		assertThat(sendCommands.all(SendMessage.class, m -> m.getCommandId().equals(commandId))).singleElement()
				.satisfies(record -> assertThat(record.value().getTenantId()).isEqualTo(TENANT_A));
		assertThat(errors(unknown)).containsExactly("tenant_id");
		assertThat(errors(onboarding)).containsExactly("tenant_id");
	}

	private static List<String> errors(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		return problem.get("errors").valueStream().map(error -> error.get("field").stringValue()).toList();
	}

	private static String textMessage(String number, String text) {
		return "{\"phone_number_id\":\"" + number + "\",\"to\":\"5511999990000\",\"type\":\"text\",\"content\":{\"body\":\""
				+ text + "\"}}";
	}

	/**
	 * Plays the onboarding worker: answers coexistence sync commands on the results topic as the real
	 * worker would, by the number's name: {@code pn-coex-ok-*} OK with a request id, {@code pn-not-coex-*}
	 * 400, {@code pn-twice-*} 409, {@code pn-silent-*} never.
	 */
	static class TestWorker {

		final List<String> received = new CopyOnWriteArrayList<>();

		private final KafkaTemplate<String, SpecificRecord> template;

		TestWorker(KafkaTemplate<String, SpecificRecord> template) {
			this.template = template;
		}

		@KafkaListener(id = "commands-it-test-worker", topics = "wabaflow.commands.onboarding.v1")
		void on(OnboardingCommand command) throws Exception {
			received.add(command.getCommandId());
			if (!(command.getPayload() instanceof RequestCoexistenceSync sync)) {
				return;
			}
			String number = sync.getPhoneNumberId();
			CommandResult.Builder result = CommandResult.newBuilder().setCommandId(command.getCommandId())
					.setTenantId(command.getTenantId()).setCommandType("RequestCoexistenceSync").setOccurredAt(Instant.now());
			if (number.startsWith("pn-coex-ok-")) {
				result.setOutcome(CommandOutcome.OK).setHttpStatus(200).setDataJson("{\"request_id\":\"req-" + number + "\"}");
			}
			else if (number.startsWith("pn-not-coex-")) {
				result.setOutcome(CommandOutcome.REJECTED).setHttpStatus(400).setErrorCode("NOT_COEXISTENCE")
						.setMessage(number + " is not a coexistence number");
			}
			else if (number.startsWith("pn-twice-")) {
				result.setOutcome(CommandOutcome.REJECTED).setHttpStatus(409).setErrorCode("ALREADY_REQUESTED")
						.setMessage("contacts sync was already requested");
			}
			else {
				return;
			}
			template.send(Topics.COMMAND_RESULTS.name(), command.getCommandId(), result.build()).get();
		}
	}

	@TestConfiguration
	static class Worker {

		@Bean
		TestWorker testWorker(KafkaTemplate<String, SpecificRecord> template) {
			return new TestWorker(template);
		}
	}

}

package io.wabaflow.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.webhook.UnparsedWebhook;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Meta's webhooks through real HTTP onto the real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"wabaflow.ingress.app-secrets=old-app-secret,current-app-secret",
		"wabaflow.ingress.verify-token=the-verify-token",
		"wabaflow.api.seed-keys[0].key=webhook-it-key", "wabaflow.api.seed-keys[0].tenant=webhook-it",
		"wabaflow.api.seed-keys[0].scopes=read" })
class WebhookIT {

	static final String SECRET = "current-app-secret";

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@LocalServerPort
	int port;

	Http http;

	final Topic webhooks = new Topic(TestKafka.bootstrapServers(), Topics.WEBHOOKS.name());

	final Topic unparsed = new Topic(TestKafka.bootstrapServers(), Topics.UNPARSED_WEBHOOKS.name());

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@Test
	void aSignedBatchOfTwoEntriesTimesTwoChangesBecomesFourRecordsWithStableEventIds() {
		byte[] body = resource("webhooks/batch-2-entries-2-changes.json");

		HttpResponse<String> first = http.postWebhook(body, Signatures.sign(body, SECRET));
		HttpResponse<String> redelivery = http.postWebhook(body, Signatures.sign(body, SECRET));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(redelivery.statusCode()).isEqualTo(200);
		List<ConsumerRecord<String, WebhookChange>> records = webhooks.all(WebhookChange.class,
				change -> change.getWabaId().startsWith("10229012934039"));
		assertThat(records).as(Topic.describe(records)).hasSize(8);
		Map<String, Long> perEventId = records.stream()
				.collect(Collectors.groupingBy(r -> r.value().getEventId(), Collectors.counting()));
		assertThat(perEventId).as("4 distinct changes, each delivered twice with the same id").hasSize(4)
				.allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
		assertThat(records).extracting(ConsumerRecord::key).containsOnly("106540352242922", "106540352242923",
				"102290129340399");
		assertThat(records).extracting(r -> r.value().getField()).containsOnly("messages", "smb_app_state_sync",
				"account_update");
		WebhookChange accountUpdate = records.stream().map(ConsumerRecord::value)
				.filter(change -> change.getField().equals("account_update")).findFirst().orElseThrow();
		assertThat(accountUpdate.getPhoneNumberId()).isNull();
		assertThat(accountUpdate.getEntryTime()).isEqualTo(1750263800L);
		assertThat(accountUpdate.getObject()).isEqualTo("whatsapp_business_account");
	}

	@Test
	void aBodyWithEscapedUnicodeAndEmojiVerifiesAgainstItsRawBytes() {
		String waba = unique();
		// exactly as Meta sends it: escaped unicode (\u00e4...) in the body that is signed
		byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"changes\":[{"
				+ "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
				+ waba + "-pn\"},\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.1\",\"timestamp\":\"1749416383\","
				+ "\"type\":\"text\",\"text\":{\"body\":\"\\u00e4\\u00f6\\u00e5 \\ud83d\\udc4b\"}}]}}]}]}")
				.getBytes(StandardCharsets.US_ASCII);
		assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\\u00e4");

		HttpResponse<String> response = http.postWebhook(body, Signatures.sign(body, SECRET));

		assertThat(response.statusCode()).isEqualTo(200);
		WebhookChange change = webhooks.all(WebhookChange.class, c -> c.getWabaId().equals(waba)).get(0).value();
		JsonNode value = JsonMapper.builder().build().readTree(change.getValueJson());
		assertThat(value.at("/messages/0/text/body").stringValue()).isEqualTo("äöå 👋");
		assertThat(change.getPhoneNumberId()).isEqualTo(waba + "-pn");
	}

	@Test
	void anyConfiguredAppSecretSignsButWrongOrMissingSignaturesAreRefusedAndNothingIsPublished() {
		long before = webhooks.endOffsetSum() + unparsed.endOffsetSum();
		byte[] body = envelope(unique());

		HttpResponse<String> missing = http.postWebhook(body, null);
		HttpResponse<String> wrongSecret = http.postWebhook(body, Signatures.sign(body, "not-our-secret"));
		HttpResponse<String> malformed = http.postWebhook(body, "sha256=zz");
		byte[] tampered = Arrays.copyOf(body, body.length);
		tampered[tampered.length - 3] = '9';
		HttpResponse<String> tamperedBody = http.postWebhook(tampered, Signatures.sign(body, SECRET));
		HttpResponse<String> rotatedSecret = http.postWebhook(body, Signatures.sign(body, "old-app-secret"));

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(wrongSecret.statusCode()).isEqualTo(403);
		assertThat(malformed.statusCode()).isEqualTo(403);
		assertThat(tamperedBody.statusCode()).isEqualTo(403);
		assertThat(rotatedSecret.statusCode()).isEqualTo(200);
		// the accepted delivery's single record is durable (200), the refused ones added nothing
		assertThat(webhooks.endOffsetSum() + unparsed.endOffsetSum()).isEqualTo(before + 1);
		assertThat(http.get("/actuator/prometheus").body())
				.containsPattern("wabaflow_ingress_webhook_signature_failures_total\\{[^}]*reason=\"missing\"[^}]*} [1-9]")
				.containsPattern("wabaflow_ingress_webhook_signature_failures_total\\{[^}]*reason=\"mismatch\"[^}]*} [3-9]")
				.containsPattern("wabaflow_ingress_webhook_requests_total\\{[^}]*outcome=\"accepted\"")
				.contains("wabaflow_ingress_publish_seconds");
	}

	@Test
	void aBodyOverTheLimitIsRefusedWhetherItDeclaresItsLengthOrNot() {
		long before = webhooks.endOffsetSum() + unparsed.endOffsetSum();
		byte[] oversized = new byte[3 * 1024 * 1024 + 1];
		Arrays.fill(oversized, (byte) ' ');
		byte[] start = envelope(unique());
		System.arraycopy(start, 0, oversized, 0, start.length);
		String signature = Signatures.sign(oversized, SECRET);

		HttpResponse<String> declared = http.postWebhook(oversized, signature);
		HttpResponse<String> chunked = http.send(http.request("/webhooks/whatsapp")
				.header("X-Hub-Signature-256", signature)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))).build());
		byte[] atTheLimit = Arrays.copyOf(oversized, 3 * 1024 * 1024);
		HttpResponse<String> justFits = http.postWebhook(atTheLimit, Signatures.sign(atTheLimit, SECRET));

		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(justFits.statusCode()).isEqualTo(200);
		assertThat(webhooks.endOffsetSum() + unparsed.endOffsetSum()).isEqualTo(before + 1);
	}

	@Test
	void aHistoryChangeOfSeveralMegabytesIsOneRecord() {
		String waba = unique();
		StringBuilder messages = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			messages.append(i == 0 ? "" : ",").append("""
					{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQz%08d","timestamp":"%d","type":"text",
					 "text":{"body":"Bom dia! Pedido n\\u00famero %d confirmado \\ud83d\\udc4d"},"history_context":{"status":"READ"}}
					""".formatted(i, 1739321024 + i, i));
		}
		byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"changes\":[{"
				+ "\"field\":\"history\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
				+ waba + "-pn\"},\"history\":[{\"metadata\":{\"phase\":1,\"chunk_order\":1,\"progress\":40},"
				+ "\"threads\":[{\"id\":\"16505551234\",\"messages\":[" + messages + "]}]}]}}]}]}")
				.getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isBetween(2 * 1024 * 1024, 3 * 1024 * 1024);

		HttpResponse<String> response = http.postWebhook(body, Signatures.sign(body, SECRET));

		assertThat(response.statusCode()).isEqualTo(200);
		WebhookChange change = webhooks.all(WebhookChange.class, c -> c.getWabaId().equals(waba)).get(0).value();
		assertThat(change.getField()).isEqualTo("history");
		assertThat(change.getValueJson().length()).as("over the producer's and broker's 1 MB defaults").isGreaterThan(3 * 512 * 1024);
	}

	@Test
	void aSignedBodyThatIsNotJsonIsKeptOnTheUnparsedTopicAndAcknowledged() {
		String marker = unique();
		byte[] notJson = ("{\"object\":\"whatsapp_business_account\",\"entry\":[ " + marker + " truncated")
				.getBytes(StandardCharsets.UTF_8);
		byte[] notWhatsApp = ("{\"object\":\"page\",\"entry\":[],\"marker\":\"" + marker + "\"}")
				.getBytes(StandardCharsets.UTF_8);

		assertThat(http.postWebhook(notJson, Signatures.sign(notJson, SECRET)).statusCode()).isEqualTo(200);
		assertThat(http.postWebhook(notWhatsApp, Signatures.sign(notWhatsApp, SECRET)).statusCode()).isEqualTo(200);

		List<UnparsedWebhook> kept = unparsed.all(UnparsedWebhook.class,
				record -> new String(bytes(record), StandardCharsets.UTF_8).contains(marker))
				.stream().map(ConsumerRecord::value).toList();
		assertThat(kept).hasSize(2);
		assertThat(bytes(kept.get(0))).isEqualTo(notJson);
		assertThat(kept.get(0).getReason()).startsWith("not_json:");
		assertThat(kept.get(0).getContentType()).isEqualTo("application/json");
		assertThat(kept.get(1).getReason()).startsWith("not_whatsapp_webhook:").contains("page");
		assertThat(kept).extracting(UnparsedWebhook::getEventId).allSatisfy(id -> assertThat(id).hasSize(64));
	}

	@Test
	void theVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
		HttpResponse<String> verified = http.get(
				"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=the-verify-token");
		HttpResponse<String> wrongToken = http.get(
				"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
		HttpResponse<String> wrongMode = http.get(
				"/webhooks/whatsapp?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=the-verify-token");
		HttpResponse<String> noToken = http.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1");

		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(verified.body()).isEqualTo("1158201444");
		assertThat(verified.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/plain"));
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThat(wrongMode.statusCode()).isEqualTo(403);
		assertThat(noToken.statusCode()).isEqualTo(403);
	}

	@Test
	void theOpenApiDocumentAndHealthAreServed() {
		HttpResponse<String> apiDocs = http.get("/v3/api-docs");
		HttpResponse<String> health = http.get("/actuator/health");

		assertThat(apiDocs.statusCode()).isEqualTo(200);
		assertThat(apiDocs.body()).contains("/webhooks/whatsapp", "/api/v1/messages", "/api/v1/onboarding",
				"/api/v1/phone-numbers/{phone_number_id}/coexistence/history-sync");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(http.get("/swagger-ui.html").statusCode()).isIn(200, 302);
	}

	private static byte[] envelope(String waba) {
		return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"changes\":[{"
				+ "\"field\":\"account_update\",\"value\":{\"event\":\"PARTNER_ADDED\",\"waba_info\":{\"waba_id\":\"" + waba
				+ "\"}}}]}]}").getBytes(StandardCharsets.UTF_8);
	}

	private static String unique() {
		return "waba-" + UUID.randomUUID();
	}

	private static byte[] bytes(UnparsedWebhook record) {
		var buffer = record.getBody().duplicate();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static byte[] resource(String name) {
		try (InputStream in = WebhookIT.class.getClassLoader().getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}

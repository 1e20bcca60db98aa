package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The "done when" of issue 4: driving the scenario API and the Graph endpoints over HTTP, a real HTTP receiver
 * gets correctly signed, correctly shaped webhooks for an inbound text, the statuses of a sent message, a contacts
 * sync, a three-phase history sync, a declined history sync, and duplicated/reordered deliveries.
 */
class GraphSandboxIT {

	private final WebhookRecorder recorder = SharedSandbox.recorder();
	private final ScenarioClient scenario = SharedSandbox.scenario();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void anInboundTextArrivesAsASignedMessagesWebhook() {
		TestWorld world = TestWorld.cloud();

		String wamid = scenario.injectText(world.phoneNumberId(), "+55 11 98765-4321", "Olá, está aberto? 🍞");

		WebhookRecorder.Received received = awaitOne("messages");
		assertSignedAndEscaped(received);
		JsonNode payload = received.payload();
		assertThat(payload.path("object").asString()).isEqualTo("whatsapp_business_account");
		assertThat(payload.path("entry").path(0).path("id").asString()).isEqualTo(world.wabaId());
		assertThat(payload.path("entry").path(0).path("changes").path(0).path("field").asString()).isEqualTo("messages");
		JsonNode value = received.value();
		assertThat(value.path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(value.path("metadata").path("display_phone_number").asString()).isEqualTo("551140028922");
		assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(world.phoneNumberId());
		assertThat(value.path("contacts").path(0).path("wa_id").asString()).isEqualTo("5511987654321");
		assertThat(value.path("contacts").path(0).path("profile").path("name").isString()).isTrue();
		JsonNode message = value.path("messages").path(0);
		assertThat(message.path("from").asString()).isEqualTo("5511987654321");
		assertThat(message.path("id").asString()).isEqualTo(wamid).startsWith("wamid.");
		assertThat(message.path("timestamp").isString()).as("timestamps are strings [MSG]").isTrue();
		assertThat(message.path("timestamp").asString()).matches("\\d{10}");
		assertThat(message.path("type").asString()).isEqualTo("text");
		assertThat(message.path("text").path("body").asString()).isEqualTo("Olá, está aberto? 🍞");
	}

	@Test
	void aUsernameUserWritesWithABusinessScopedIdOnlyAndIsAnsweredByIt() {
		TestWorld world = TestWorld.cloud();

		ScenarioClient.Injected injected = scenario.injectTextFromUsernameUser(world.phoneNumberId(), "5511955554444",
				"padaria.fan", "Tem pão de queijo?");

		JsonNode value = awaitOne("messages").value();
		JsonNode contact = value.path("contacts").path(0);
		assertThat(contact.has("wa_id")).as("the phone stays out").isFalse();
		assertThat(contact.path("user_id").asString()).isEqualTo(injected.userId()).matches("[A-Z]{2}\\.[0-9]{20}");
		assertThat(contact.path("profile").path("username").asString()).isEqualTo("padaria.fan");
		JsonNode message = value.path("messages").path(0);
		assertThat(message.has("from")).isFalse();
		assertThat(message.path("from_user_id").asString()).isEqualTo(injected.userId());
		assertThat(value.toString()).doesNotContain("5511955554444");
		recorder.clear();

		Graph.Response sent = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "recipient", injected.userId(), "type", "text",
				"text", Map.of("body", "Tem sim!")));
		assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
		assertThat(sent.body().path("contacts").path(0).path("user_id").asString()).isEqualTo(injected.userId());
		assertThat(sent.body().path("contacts").path(0).has("wa_id")).isFalse();
		JsonNode status = awaitOne("messages").value().path("statuses").path(0);
		assertThat(status.path("recipient_user_id").asString()).isEqualTo(injected.userId());
		assertThat(status.has("recipient_id")).isFalse();

		// asking the user for their phone (facts §2.0): an interactive request_contact_info to the BSUID
		Graph.Response ask = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "recipient", injected.userId(), "type", "interactive",
				"interactive", Map.of("type", "request_contact_info", "body", Map.of("text", "Podemos ligar?"),
						"action", Map.of("name", "request_contact_info"))));
		assertThat(ask.status()).as(ask.body().toString()).isEqualTo(200);

		Graph.Response both = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "recipient", injected.userId(), "to", "5511955554444", "type", "text",
				"text", Map.of("body", "x")));
		assertThat(both.status()).isEqualTo(400);
		Graph.Response malformed = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "recipient", "not a bsuid", "type", "text", "text", Map.of("body", "x")));
		assertThat(malformed.status()).isEqualTo(400);
	}

	@Test
	void groupMessagesEditsRevokesCallsAndPreferencesCanBeEmitted() {
		TestWorld world = TestWorld.cloud();

		scenario.post("/inbound", Map.of("phoneNumberId", world.phoneNumberId(), "from", "5511944443333", "groupId",
				"G-1", "text", "Oi, grupo"));
		String original = scenario.injectText(world.phoneNumberId(), "5511944443333", "primeira versão");
		scenario.post("/inbound", Map.of("phoneNumberId", world.phoneNumberId(), "from", "5511944443333", "type", "edit",
				"content", Map.of("original_message_id", original, "message", Map.of("type", "text",
						"text", Map.of("body", "versão corrigida")))));
		scenario.post("/inbound", Map.of("phoneNumberId", world.phoneNumberId(), "from", "5511944443333", "type",
				"revoke", "content", Map.of("original_message_id", original)));
		scenario.post("/webhooks", Map.of("field", "calls", "wabaId", world.wabaId(), "phoneNumberId",
				world.phoneNumberId(), "value", Map.of("messaging_product", "whatsapp", "calls", List.of(Map.of(
						"id", "wacid.1", "from", "5511944443333", "event", "connect", "direction", "USER_INITIATED")))));
		scenario.post("/webhooks", Map.of("field", "user_preferences", "wabaId", world.wabaId(), "phoneNumberId",
				world.phoneNumberId(), "value", Map.of("messaging_product", "whatsapp", "user_preferences",
						List.of(Map.of("wa_id", "5511944443333", "category", "marketing_messages", "value", "stop")))));

		List<WebhookRecorder.Received> messages = awaitCount("messages", 4);
		assertThat(messages.get(0).value().path("messages").path(0).path("group_id").asString()).isEqualTo("G-1");
		assertThat(messages).extracting(r -> r.value().path("messages").path(0).path("type").asString())
				.containsExactly("text", "text", "edit", "revoke");
		assertThat(awaitOne("calls").value().path("calls").path(0).path("event").asString()).isEqualTo("connect");
		assertThat(awaitOne("user_preferences").value().path("user_preferences").path(0).path("value").asString())
				.isEqualTo("stop");
	}

	@Test
	void aSentMessageReportsSentThenDeliveredThenRead() {
		TestWorld world = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), "5511987654321", "oi");
		awaitOne("messages");
		recorder.clear();

		Graph.Response sent = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "recipient_type", "individual", "to", "+55 11 98765-4321",
				"type", "text", "text", Map.of("body", "Sim, até às 20h!"), "biz_opaque_callback_data", "order-17"));

		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.body().path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(sent.body().path("contacts").path(0).path("input").asString()).isEqualTo("+55 11 98765-4321");
		assertThat(sent.body().path("contacts").path(0).path("wa_id").asString()).isEqualTo("5511987654321");
		String wamid = sent.body().path("messages").path(0).path("id").asString();
		assertThat(wamid).startsWith("wamid.");

		List<WebhookRecorder.Received> statuses = awaitCount("messages", 3);
		statuses.forEach(GraphSandboxIT::assertSignedAndEscaped);
		assertThat(statuses).extracting(r -> r.value().path("statuses").path(0).path("status").asString())
				.containsExactly("sent", "delivered", "read");
		for (WebhookRecorder.Received received : statuses) {
			JsonNode status = received.value().path("statuses").path(0);
			assertThat(status.path("id").asString()).isEqualTo(wamid);
			assertThat(status.path("recipient_id").asString()).isEqualTo("5511987654321");
			assertThat(status.path("timestamp").isString()).isTrue();
			assertThat(status.path("biz_opaque_callback_data").asString()).isEqualTo("order-17");
		}
		JsonNode first = statuses.get(0).value().path("statuses").path(0);
		assertThat(first.path("conversation").path("expiration_timestamp").isString()).isTrue();
		assertThat(first.path("conversation").path("origin").path("type").asString()).isEqualTo("service");
		assertThat(first.path("pricing").path("pricing_model").asString()).isEqualTo("PMP");
		assertThat(first.path("pricing").path("type").asString()).isEqualTo("free_customer_service");
		assertThat(first.path("pricing").path("category").asString()).isEqualTo("service");
		JsonNode delivered = statuses.get(1).value().path("statuses").path(0);
		assertThat(delivered.has("pricing")).isTrue();
		assertThat(delivered.path("conversation").has("expiration_timestamp")).as("only on sent [STAT]").isFalse();
		assertThat(statuses.get(2).value().path("statuses").path(0).has("pricing")).isFalse();
	}

	@Test
	void aContactsSyncArrivesAsSmbAppStateSyncWebhooks() {
		TestWorld world = TestWorld.coexistence(Map.of("contactsPerWebhook", 2));
		scenario.post("/phone-numbers/" + world.phoneNumberId() + "/contacts", Map.of("contacts", List.of(
				Map.of("phoneNumber", "+55 11 91111-1111", "fullName", "Ana Lúcia", "firstName", "Ana"),
				Map.of("phoneNumber", "+55 11 92222-2222", "fullName", "Bruno Souza", "firstName", "Bruno"),
				Map.of("phoneNumber", "+55 11 93333-3333", "fullName", "Çelik", "firstName", "Çelik"))));

		Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/smb_app_data",
				Map.of("messaging_product", "whatsapp", "sync_type", "smb_app_state_sync"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(response.body().path("request_id").asString()).isNotBlank();
		List<WebhookRecorder.Received> batches = awaitCount("smb_app_state_sync", 2);
		batches.forEach(GraphSandboxIT::assertSignedAndEscaped);
		assertThat(batches).extracting(r -> r.value().path("state_sync").size()).containsExactly(2, 1);
		JsonNode first = batches.get(0).value().path("state_sync").path(0);
		assertThat(first.path("type").asString()).isEqualTo("contact");
		assertThat(first.path("action").asString()).isEqualTo("add");
		assertThat(first.path("contact").path("phone_number").asString()).isEqualTo("5511911111111");
		assertThat(first.path("contact").path("full_name").asString()).isEqualTo("Ana Lúcia");
		assertThat(first.path("contact").path("first_name").asString()).isEqualTo("Ana");
		assertThat(first.path("metadata").path("timestamp").asString()).matches("\\d{10}");

		// later changes in the Business app arrive on their own; a removal carries no names [SSS]
		scenario.delete("/phone-numbers/" + world.phoneNumberId() + "/contacts/5511922222222");
		JsonNode removal = awaitCount("smb_app_state_sync", 3).get(2).value().path("state_sync").path(0);
		assertThat(removal.path("action").asString()).isEqualTo("remove");
		assertThat(removal.path("contact").has("full_name")).isFalse();
		assertThat(removal.path("contact").path("phone_number").asString()).isEqualTo("5511922222222");
	}

	@Test
	void aThreePhaseHistorySyncArrivesInChunksWithProgressUpTo100() {
		TestWorld world = TestWorld.coexistence(Map.of("messagesPerChunk", 1));
		scenario.post("/phone-numbers/" + world.phoneNumberId() + "/history", Map.of("messages", List.of(
				Map.of("userPhone", "5511911111111", "text", "bom dia", "daysAgo", 0.2),
				Map.of("userPhone", "5511911111111", "fromBusiness", true, "text", "bom dia! 😊", "daysAgo", 30,
						"status", "READ"),
				Map.of("userPhone", "5511922222222", "type", "image", "content",
						Map.of("id", "media-1", "mime_type", "image/jpeg", "sha256", "abc"), "daysAgo", 3),
				Map.of("userPhone", "5511922222222", "text", "pedido antigo", "daysAgo", 120),
				Map.of("userPhone", "5511922222222", "text", "too old to sync", "daysAgo", 200))));

		Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/smb_app_data",
				Map.of("messaging_product", "whatsapp", "sync_type", "history"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().path("request_id").asString()).isNotBlank();
		// 4 chunks (phase 0: 1, phase 1: 2, phase 2: 1) + the separate webhook of the recent image
		List<WebhookRecorder.Received> webhooks = awaitCount("history", 5);
		webhooks.forEach(GraphSandboxIT::assertSignedAndEscaped);
		List<JsonNode> chunks = webhooks.stream().map(r -> r.value().path("history").path(0))
				.filter(h -> !h.isMissingNode()).toList();
		assertThat(chunks).extracting(c -> c.path("metadata").path("phase").asInt())
				.containsExactlyInAnyOrder(0, 1, 1, 2);
		assertThat(chunks).extracting(c -> c.path("metadata").path("progress").asInt())
				.containsExactlyInAnyOrder(25, 50, 75, 100);
		JsonNode phase0 = chunks.stream().filter(c -> c.path("metadata").path("phase").asInt() == 0).findFirst()
				.orElseThrow();
		assertThat(phase0.path("metadata").path("chunk_order").asInt()).isEqualTo(1);
		JsonNode thread = phase0.path("threads").path(0);
		assertThat(thread.path("id").asString()).isEqualTo("5511911111111");
		assertThat(thread.path("messages").path(0).path("from").asString()).isEqualTo("5511911111111");
		assertThat(thread.path("messages").path(0).path("text").path("body").asString()).isEqualTo("bom dia");
		assertThat(thread.path("messages").path(0).path("history_context").path("status").asString())
				.isEqualTo("DELIVERED");

		List<JsonNode> phase1 = chunks.stream().filter(c -> c.path("metadata").path("phase").asInt() == 1)
				.sorted(java.util.Comparator.comparingInt(c -> c.path("metadata").path("chunk_order").asInt()))
				.toList();
		assertThat(phase1).extracting(c -> c.path("metadata").path("chunk_order").asInt()).containsExactly(1, 2);
		JsonNode fromBusiness = phase1.get(0).path("threads").path(0).path("messages").path(0);
		assertThat(fromBusiness.path("from").asString()).isEqualTo(world.displayDigits());
		assertThat(fromBusiness.path("to").asString()).isEqualTo("5511911111111");
		JsonNode placeholder = phase1.get(1).path("threads").path(0).path("messages").path(0);
		assertThat(placeholder.path("type").asString()).isEqualTo("media_placeholder");
		assertThat(placeholder.has("image")).isFalse();

		JsonNode media = webhooks.stream().map(r -> r.value().path("messages").path(0))
				.filter(m -> !m.isMissingNode()).findFirst().orElseThrow();
		assertThat(media.path("id").asString()).isEqualTo(placeholder.path("id").asString());
		assertThat(media.path("type").asString()).isEqualTo("image");
		assertThat(media.path("image").path("id").asString()).isEqualTo("media-1");
		assertThat(webhooks.toString()).doesNotContain("too old to sync");
	}

	@Test
	void aDeclinedHistorySyncArrivesAsOneHistoryWebhookWithError2593109() {
		TestWorld world = TestWorld.coexistence(Map.of("historyShared", false));
		scenario.post("/phone-numbers/" + world.phoneNumberId() + "/history",
				Map.of("messages", List.of(Map.of("userPhone", "5511911111111", "text", "x", "daysAgo", 1))));

		Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/smb_app_data",
				Map.of("messaging_product", "whatsapp", "sync_type", "history"));

		assertThat(response.status()).as("the request_id only means accepted [COEX]").isEqualTo(200);
		WebhookRecorder.Received received = awaitOne("history");
		assertSignedAndEscaped(received);
		JsonNode error = received.value().path("history").path(0).path("errors").path(0);
		assertThat(error.path("code").asInt()).isEqualTo(2593109);
		assertThat(error.path("title").asString())
				.isEqualTo("History sync is turned off by the business from the WhatsApp Business App");
		assertThat(error.path("message").asString()).isEqualTo(error.path("title").asString());
		assertThat(error.path("error_data").path("details").asString())
				.isEqualTo("History sharing is turned off by the business");
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
				.until(() -> recorder.accepted("history").size() == 1);
	}

	@Test
	void aDuplicatedDeliveryArrivesTwiceWithTheSameSignedBody() {
		TestWorld world = TestWorld.cloud();
		scenario.duplicateNext(1);

		scenario.injectText(world.phoneNumberId(), "5511987654321", "pedido 42");

		List<WebhookRecorder.Received> twice = awaitCount("messages", 2);
		twice.forEach(GraphSandboxIT::assertSignedAndEscaped);
		assertThat(twice.get(0).body()).isEqualTo(twice.get(1).body());
		assertThat(twice.get(0).headers().get("x-hub-signature-256"))
				.isEqualTo(twice.get(1).headers().get("x-hub-signature-256"));
		JsonNode deliveries = scenario.deliveries("messages");
		assertThat(deliveries.path(1).path("duplicateOf").asString()).isEqualTo(deliveries.path(0).path("id").asString());
	}

	@Test
	void reorderedDeliveriesArriveInReverseOrder() {
		TestWorld world = TestWorld.cloud();
		scenario.reorderNext(3);

		for (String text : List.of("um", "dois", "três")) {
			scenario.injectText(world.phoneNumberId(), "5511987654321", text);
		}

		List<WebhookRecorder.Received> arrived = awaitCount("messages", 3);
		arrived.forEach(GraphSandboxIT::assertSignedAndEscaped);
		assertThat(arrived).extracting(r -> r.value().path("messages").path(0).path("text").path("body").asString())
				.containsExactly("três", "dois", "um");
	}

	@Test
	void batchedDeliveriesArriveAsOnePostWithSeveralChanges() {
		TestWorld world = TestWorld.cloud();
		scenario.post("/delivery-chaos", Map.of("effect", "batch", "count", 3));

		for (String text : List.of("a", "b", "c")) {
			scenario.injectText(world.phoneNumberId(), "5511987654321", text);
		}

		WebhookRecorder.Received batch = awaitOne("messages");
		assertSignedAndEscaped(batch);
		JsonNode entries = batch.payload().path("entry");
		assertThat(entries.size()).isEqualTo(1);
		assertThat(entries.path(0).path("id").asString()).isEqualTo(world.wabaId());
		assertThat(entries.path(0).path("changes").valueStream()
				.map(c -> c.path("value").path("messages").path(0).path("text").path("body").asString()))
				.containsExactly("a", "b", "c");
		assertThat(scenario.get("/deliveries?state=BATCHED").size()).isEqualTo(3);
	}

	@Test
	void aDelayedDeliveryArrivesAfterTheOthers() {
		TestWorld world = TestWorld.cloud();
		scenario.delayNext(1, Duration.ofMillis(500));

		scenario.injectText(world.phoneNumberId(), "5511987654321", "devagar");
		scenario.injectText(world.phoneNumberId(), "5511987654321", "depressa");

		List<WebhookRecorder.Received> arrived = awaitCount("messages", 2);
		assertThat(arrived).extracting(r -> r.value().path("messages").path(0).path("text").path("body").asString())
				.containsExactly("depressa", "devagar");
		assertThat(scenario.deliveries("messages").path(0).path("chaos").asString()).isEqualTo("delay");
	}

	@Test
	void anythingUnmodelledCanBeDeliveredRawInMetasEnvelope() {
		TestWorld world = TestWorld.cloud();

		scenario.post("/webhooks", Map.of("field", "account_update", "wabaId", world.wabaId(), "entryTime", 1767225600,
				"value", Map.of("event", "PARTNER_REMOVED", "waba_info", Map.of("waba_id", world.wabaId()))));

		WebhookRecorder.Received received = awaitOne("account_update");
		assertSignedAndEscaped(received);
		assertThat(received.payload().path("entry").path(0).path("time").asLong()).isEqualTo(1767225600L);
		assertThat(received.value().path("event").asString()).isEqualTo("PARTNER_REMOVED");
	}

	@Test
	void aFailingCallbackIsRetriedWithBackoffUntilItAccepts() {
		TestWorld world = TestWorld.cloud();
		recorder.failNext(2, 503);

		scenario.injectText(world.phoneNumberId(), "5511987654321", "alguém aí?");

		awaitOne("messages");
		assertThat(recorder.received()).extracting(WebhookRecorder.Received::answeredWith).containsExactly(503, 503, 200);
		assertThat(recorder.received()).extracting(WebhookRecorder.Received::body).containsOnly(
				recorder.received().get(0).body());
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode delivery = scenario.deliveries("messages").path(0);
			assertThat(delivery.path("state").asString()).isEqualTo("DELIVERED");
			assertThat(delivery.path("attempts").valueStream().map(a -> a.path("status").asInt()))
					.containsExactly(503, 503, 200);
		});
	}

	@Test
	void webhooksOfAWabaTheAppDidNotSubscribeToAreNotDelivered() {
		TestWorld world = TestWorld.create("cloud", false, Map.of("registered", true));
		scenario.injectText(world.phoneNumberId(), "5511987654321", "ninguém ouve");
		await().atMost(Duration.ofSeconds(5)).until(() -> scenario.deliveries("messages").path(0).path("state")
				.asString().equals("DROPPED_NOT_SUBSCRIBED"));

		Graph.Response subscribed = world.graph().post("/" + world.wabaId() + "/subscribed_apps", Map.of());
		assertThat(subscribed.body().path("success").asBoolean()).isTrue();
		scenario.injectText(world.phoneNumberId(), "5511987654321", "agora sim");

		assertThat(awaitOne("messages").value().path("messages").path(0).path("text").path("body").asString())
				.isEqualTo("agora sim");
	}

	@Test
	void theCallbackPassesTheVerificationHandshakeOnlyWithTheRightToken() {
		assertThat(scenario.post("/webhook-config/verify", Map.of()).path("verified").asBoolean()).isTrue();

		scenario.put("/webhook-config", Map.of("verifyToken", "wrong"));
		JsonNode refused = scenario.post("/webhook-config/verify", Map.of());
		assertThat(refused.path("verified").asBoolean()).isFalse();
		assertThat(refused.path("status").asInt()).isEqualTo(403);
	}

	private WebhookRecorder.Received awaitOne(String field) {
		return awaitCount(field, 1).get(0);
	}

	private List<WebhookRecorder.Received> awaitCount(String field, int count) {
		return SharedSandbox.awaitWebhooks(field, count);
	}

	static void assertSignedAndEscaped(WebhookRecorder.Received received) {
		assertThat(received.signatureValid()).as("X-Hub-Signature-256 verifies with the app secret").isTrue();
		assertThat(received.headers().get("x-hub-signature-256")).matches("sha256=[0-9a-f]{64}");
		assertThat(received.headers().get("content-type")).startsWith("application/json");
		assertThat(received.body()).as("escaped-unicode body [G-WH]").matches("\\p{ASCII}*");
		assertThat(received.body()).doesNotContainPattern("\\\\u[0-9a-f]{0,3}[A-F]");
	}
}

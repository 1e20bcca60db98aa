package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /{phone_number_id}/messages}: every type and interactive kind, the 24 h window, throughput, pair rate,
 * and errors.
 */
class MessagingIT {

	private static final String USER = "5511987654321";

	private final ScenarioClient scenario = SharedSandbox.scenario();
	private final WebhookRecorder recorder = SharedSandbox.recorder();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void everyTypeWabaflowSendsIsAcceptedWithAWamid() {
		TestWorld world = TestWorld.cloud();
		String inbound = scenario.injectText(world.phoneNumberId(), USER, "oi");
		List<Map<String, Object>> bodies = List.of(
				message("text", Map.of("body", "texto", "preview_url", true)),
				message("image", Map.of("link", "https://example.com/p.jpg", "caption", "pão")),
				message("document", Map.of("id", "9001", "filename", "menu.pdf", "caption", "cardápio")),
				message("audio", Map.of("id", "9002")),
				message("video", Map.of("link", "https://example.com/v.mp4")),
				message("sticker", Map.of("id", "9003")),
				message("location", Map.of("latitude", -23.56, "longitude", -46.65, "name", "Loja", "address", "Rua A")),
				message("contacts", List.of(Map.of("name", Map.of("formatted_name", "Ana"), "phones",
						List.of(Map.of("phone", "+5511911111111", "type", "CELL"))))),
				message("interactive", Map.of("type", "button", "body", Map.of("text", "Confirma?"), "action",
						Map.of("buttons", List.of(Map.of("type", "reply", "reply", Map.of("id", "yes", "title", "Sim")),
								Map.of("type", "reply", "reply", Map.of("id", "no", "title", "Não")))))),
				message("interactive", Map.of("type", "list", "body", Map.of("text", "Escolha"), "action",
						Map.of("button", "Ver", "sections", List.of(Map.of("title", "Pães", "rows",
								List.of(Map.of("id", "p1", "title", "Francês", "description", "quentinho"))))))),
				message("template", Map.of("name", "pedido_pronto", "language", Map.of("code", "pt_BR"), "components",
						List.of(Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "42")))))));
		List<Map<String, Object>> all = new ArrayList<>(bodies);
		Map<String, Object> reply = message("text", Map.of("body", "respondendo"));
		reply.put("context", Map.of("message_id", inbound));
		all.add(reply);

		for (Map<String, Object> body : all) {
			Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/messages", body);
			assertThat(response.status()).as("%s", body).isEqualTo(200);
			assertThat(response.body().path("messages").path(0).path("id").asString()).startsWith("wamid.");
		}
		assertThat(scenario.sentMessages(world.phoneNumberId()).size()).isEqualTo(all.size());
	}

	@Test
	void everyInteractiveKindMetaDocumentsIsAcceptedAndItsLimitsAreChecked() {
		TestWorld world = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
		valid.put("cta_url", Map.of("type", "cta_url", "header", Map.of("type", "text", "text", "Oficinas"), "body",
				Map.of("text", "Veja as datas"), "footer", Map.of("text", "Sujeito a mudança"), "action",
				Map.of("name", "cta_url", "parameters", Map.of("display_text", "Ver datas", "url", "https://example.com/d"))));
		valid.put("flow", Map.of("type", "flow", "body", Map.of("text", "Agende"), "action", Map.of("name", "flow",
				"parameters", Map.of("flow_message_version", "3", "flow_token", "t-1", "flow_id", "1234", "flow_cta",
						"Agendar", "flow_action", "navigate", "flow_action_payload", Map.of("screen", "AGENDA")))));
		valid.put("product", Map.of("type", "product", "body", Map.of("text", "Nosso pão"), "action",
				Map.of("catalog_id", "194836987003835", "product_retailer_id", "pao-frances")));
		valid.put("product_list", Map.of("type", "product_list", "header", Map.of("type", "text", "text", "Padaria"),
				"body", Map.of("text", "Escolha"), "action", Map.of("catalog_id", "194836987003835", "sections",
						List.of(Map.of("title", "Pães", "product_items", List.of(Map.of("product_retailer_id", "p1"))),
								Map.of("title", "Doces", "product_items", List.of(Map.of("product_retailer_id", "d1")))))));
		valid.put("catalog_message", Map.of("type", "catalog_message", "body", Map.of("text", "Nosso catálogo"),
				"action", Map.of("name", "catalog_message", "parameters", Map.of("thumbnail_product_retailer_id", "p1"))));
		valid.put("location_request_message", Map.of("type", "location_request_message", "body",
				Map.of("text", "Onde entregamos?"), "action", Map.of("name", "send_location")));
		valid.put("address_message", Map.of("type", "address_message", "body", Map.of("text", "Qual o endereço?"),
				"action", Map.of("name", "address_message", "parameters", Map.of("country", "IN"))));
		Map<String, Map<String, Object>> invalid = new LinkedHashMap<>();
		invalid.put("cta_url 131009", Map.of("type", "cta_url", "body", Map.of("text", "Veja"), "action",
				Map.of("name", "cta_url", "parameters", Map.of("display_text", "A label of 21 chars!!", "url",
						"https://example.com"))));
		invalid.put("flow 131008", Map.of("type", "flow", "body", Map.of("text", "Agende"), "action", Map.of("name",
				"flow", "parameters", Map.of("flow_message_version", "3", "flow_cta", "Agendar"))));
		invalid.put("product 131008", Map.of("type", "product", "action", Map.of("catalog_id", "194836987003835")));
		invalid.put("product_list 131008", Map.of("type", "product_list", "body", Map.of("text", "Escolha"), "action",
				Map.of("catalog_id", "1", "sections", List.of(Map.of("product_items",
						List.of(Map.of("product_retailer_id", "p1")))))));
		invalid.put("catalog_message 131008", Map.of("type", "catalog_message", "action", Map.of("name", "catalog_message")));
		invalid.put("location_request_message 131009", Map.of("type", "location_request_message", "body",
				Map.of("text", "x".repeat(1025)), "action", Map.of("name", "send_location")));
		invalid.put("address_message 131009", Map.of("type", "address_message", "body", Map.of("text", "Endereço?"),
				"action", Map.of("name", "address_message", "parameters", Map.of("country", "BR"))));

		for (Map.Entry<String, Map<String, Object>> kind : valid.entrySet()) {
			Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/messages",
					message("interactive", kind.getValue()));
			assertThat(response.status()).as("%s: %s", kind.getKey(), response.body()).isEqualTo(200);
			assertThat(response.body().path("messages").path(0).path("id").asString()).startsWith("wamid.");
		}
		for (Map.Entry<String, Map<String, Object>> kind : invalid.entrySet()) {
			Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/messages",
					message("interactive", kind.getValue()));
			int code = Integer.parseInt(kind.getKey().substring(kind.getKey().indexOf(' ') + 1));
			assertThat(response.status()).as(kind.getKey()).isEqualTo(400);
			assertThat(response.errorCode()).as("%s: %s", kind.getKey(), response.body()).isEqualTo(code);
		}
		assertThat(scenario.sentMessages(world.phoneNumberId()).size()).isEqualTo(valid.size());
	}

	@Test
	void aReactionOnlyGetsASentStatusAndMarkAsReadNeedsAReceivedMessage() {
		TestWorld world = TestWorld.cloud();
		String inbound = scenario.injectText(world.phoneNumberId(), USER, "oi");

		Graph.Response reaction = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("reaction", Map.of("message_id", inbound, "emoji", "👍")));
		Graph.Response read = world.graph().post("/" + world.phoneNumberId() + "/messages",
				Map.of("messaging_product", "whatsapp", "status", "read", "message_id", inbound));
		Graph.Response unknown = world.graph().post("/" + world.phoneNumberId() + "/messages",
				Map.of("messaging_product", "whatsapp", "status", "read", "message_id", "wamid.unknown"));

		assertThat(reaction.status()).isEqualTo(200);
		assertThat(read.body().path("success").asBoolean()).isTrue();
		assertThat(unknown.errorCode()).isEqualTo(100);
		String wamid = reaction.body().path("messages").path(0).path("id").asString();
		await().atMost(Duration.ofSeconds(5)).until(() -> statusesOf(wamid).contains("sent"));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
				.until(() -> statusesOf(wamid).equals(List.of("sent")));
	}

	@Test
	void invalidBodiesGetMetasErrorBody() {
		TestWorld world = TestWorld.cloud();

		Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/messages",
				Map.of("messaging_product", "whatsapp", "to", USER, "type", "text", "text", Map.of()));

		assertThat(response.status()).isEqualTo(400);
		JsonNode error = response.body().path("error");
		assertThat(error.propertyNames()).containsExactly("message", "type", "code", "error_data", "fbtrace_id");
		assertThat(error.path("code").asInt()).isEqualTo(131008);
		assertThat(error.path("message").asString()).isEqualTo("(#131008) Required parameter is missing");
		assertThat(error.path("error_data").path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(error.path("error_data").path("details").asString()).contains("text['body']");
		assertThat(world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of("to", USER)).errorCode())
				.isEqualTo(100);
	}

	@Test
	void formEncodedBodiesWithJsonValuesAreAcceptedAsGraphDoes() {
		TestWorld world = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), USER, "oi");

		Graph.Response response = world.graph().postForm("/" + world.phoneNumberId() + "/messages",
				"messaging_product=whatsapp&to=" + USER + "&type=text&text=%7B%22body%22%3A%22ol%C3%A1%22%7D");

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void freeFormOutsideTheWindowIsAcceptedThenFailsWith131047() {
		TestWorld world = TestWorld.cloud();

		Graph.Response never = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", "promoção!")));
		Graph.Response template = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("template", Map.of("name", "hello_world", "language", Map.of("code", "en_US"))));

		assertThat(never.status()).isEqualTo(200);
		JsonNode failed = awaitStatus(never.body().path("messages").path(0).path("id").asString(), "failed");
		JsonNode error = failed.path("errors").path(0);
		assertThat(error.path("code").asInt()).isEqualTo(131047);
		assertThat(error.path("title").asString()).isEqualTo("Re-engagement message");
		assertThat(error.path("message").asString()).isEqualTo("Re-engagement message");
		assertThat(error.path("error_data").path("details").asString()).contains("24 hours");
		assertThat(error.path("href").asString()).contains("error-codes");
		assertThat(template.body().path("messages").path(0).path("message_status").asString()).isEqualTo("accepted");
		JsonNode templateSent = awaitStatus(template.body().path("messages").path(0).path("id").asString(), "sent");
		assertThat(templateSent.path("pricing").path("type").asString()).isEqualTo("regular");
		assertThat(templateSent.path("pricing").path("category").asString()).isEqualTo("utility");
	}

	@Test
	void aScenarioCanMakeAClosedWindowASynchronous400() {
		TestWorld world = TestWorld.cloud();
		scenario.put("/messaging-rules", Map.of("windowViolationSync", true, "strictTemplates", true));

		Graph.Response closed = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", "oi?")));
		Graph.Response unknownTemplate = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("template", Map.of("name", "never_created", "language", Map.of("code", "en_US"))));

		assertThat(closed.status()).isEqualTo(400);
		assertThat(closed.errorCode()).isEqualTo(131047);
		assertThat(unknownTemplate.errorCode()).isEqualTo(132001);
	}

	@Test
	void theWindowClosesTwentyFourHoursAfterTheUsersLastMessage() {
		TestWorld world = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		scenario.advanceClock(Duration.ofHours(23));
		String inside = sendText(world, "ainda dá");
		scenario.advanceClock(Duration.ofHours(2));
		String outside = sendText(world, "agora não");

		awaitStatus(inside, "read");
		assertThat(awaitStatus(outside, "failed").path("errors").path(0).path("code").asInt()).isEqualTo(131047);

		scenario.injectText(world.phoneNumberId(), USER, "voltei");
		awaitStatus(sendText(world, "bem-vindo de volta"), "delivered");
	}

	@Test
	void aNumberAboveItsThroughputGets130429() {
		TestWorld world = TestWorld.cloud();
		// 1 mps: the burst below is throttled unless ten HTTP round trips take over a second each
		scenario.patch("/phone-numbers/" + world.phoneNumberId(), Map.of("throughputMps", 1));
		scenario.injectText(world.phoneNumberId(), USER, "oi");

		List<Graph.Response> burst = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			burst.add(world.graph().post("/" + world.phoneNumberId() + "/messages",
					message("text", Map.of("body", "msg " + i))));
		}

		assertThat(burst.get(0).status()).isEqualTo(200);
		List<Graph.Response> throttled = burst.stream().filter(r -> r.errorCode() == 130429).toList();
		assertThat(throttled).isNotEmpty();
		assertThat(throttled.get(0).status()).isEqualTo(400);
		assertThat(throttled.get(0).body().path("error").path("message").asString()).isEqualTo("(#130429) Rate limit hit");
	}

	@Test
	void coexistenceNumbersAreFixedAtTwentyMessagesPerSecond() {
		TestWorld cloud = TestWorld.cloud();
		TestWorld coexistence = TestWorld.coexistence(Map.of());
		JsonNode numbers = scenario.get("/phone-numbers");
		Map<String, Integer> mps = new LinkedHashMap<>();
		numbers.forEach(n -> mps.put(n.path("id").asString(), n.path("throughputMps").asInt()));
		assertThat(mps).containsEntry(cloud.phoneNumberId(), 80).containsEntry(coexistence.phoneNumberId(), 20);
	}

	@Test
	void tooManyMessagesToOneUserHitThePairRateLimit() {
		TestWorld world = TestWorld.cloud();
		scenario.put("/limits", Map.of("pairBurst", 2));
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		scenario.injectText(world.phoneNumberId(), "5511900000000", "oi");

		sendText(world, "1");
		sendText(world, "2");
		Graph.Response third = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", "3")));
		Map<String, Object> other = message("text", Map.of("body", "outro"));
		other.put("to", "5511900000000");

		assertThat(third.errorCode()).isEqualTo(131056);
		assertThat(world.graph().post("/" + world.phoneNumberId() + "/messages", other).status()).isEqualTo(200);
	}

	@Test
	void deliveryErrorsArriveAsFailedStatuses() {
		TestWorld world = TestWorld.cloud();
		scenario.post("/users", Map.of("phone", "5511900000001", "onWhatsApp", false));
		scenario.injectText(world.phoneNumberId(), "5511900000001", "oi");
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		scenario.post("/errors", Map.of("operation", "messages", "code", 131049, "deliverAs", "status"));

		Map<String, Object> toNobody = message("text", Map.of("body", "x"));
		toNobody.put("to", "5511900000001");
		String undeliverable = world.graph().post("/" + world.phoneNumberId() + "/messages", toNobody).body()
				.path("messages").path(0).path("id").asString();
		String injected = sendText(world, "y");

		assertThat(awaitStatus(undeliverable, "failed").path("errors").path(0).path("code").asInt()).isEqualTo(131049);
		assertThat(awaitStatus(injected, "read")).isNotNull();
		String later = world.graph().post("/" + world.phoneNumberId() + "/messages", toNobody).body().path("messages")
				.path(0).path("id").asString();
		assertThat(awaitStatus(later, "failed").path("errors").path(0).path("code").asInt()).isEqualTo(131026);
	}

	@Test
	void injectedSynchronousErrorsUseMetasHttpStatus() {
		TestWorld world = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		scenario.injectError("messages", 131000, 1);
		scenario.injectError("messages", 131047, 1);

		Graph.Response unknown = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", "a")));
		Graph.Response window = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", "b")));

		assertThat(unknown.status()).isEqualTo(500);
		assertThat(unknown.errorCode()).isEqualTo(131000);
		assertThat(window.status()).isEqualTo(400);
		assertThat(window.errorCode()).isEqualTo(131047);
	}

	@Test
	void templatesTheScenarioMarkedBadAreRefused() {
		TestWorld world = TestWorld.cloud();
		scenario.post("/templates", Map.of("name", "gone", "language", "pt_BR", "status", "MISSING"));
		scenario.post("/templates", Map.of("name", "paused", "language", "pt_BR", "status", "PAUSED"));
		scenario.post("/templates", Map.of("name", "two_params", "language", "pt_BR", "bodyParameters", 2));

		assertThat(sendTemplate(world, "gone", 0).errorCode()).isEqualTo(132001);
		assertThat(sendTemplate(world, "gone", 0).status()).isEqualTo(404);
		assertThat(sendTemplate(world, "paused", 0).errorCode()).isEqualTo(132015);
		assertThat(sendTemplate(world, "two_params", 1).errorCode()).isEqualTo(132000);
		assertThat(sendTemplate(world, "two_params", 2).status()).isEqualTo(200);
	}

	@Test
	void anUnregisteredNumberCannotSendAndNoNumberMessagesItself() {
		TestWorld unregistered = TestWorld.create("cloud", true, Map.of("registered", false));
		assertThat(unregistered.graph().post("/" + unregistered.phoneNumberId() + "/messages",
				message("template", Map.of("name", "t", "language", Map.of("code", "en_US")))).errorCode())
				.isEqualTo(133010);

		TestWorld world = TestWorld.cloud();
		Map<String, Object> self = message("template", Map.of("name", "t", "language", Map.of("code", "en_US")));
		self.put("to", "+" + world.displayDigits());
		assertThat(world.graph().post("/" + world.phoneNumberId() + "/messages", self).errorCode()).isEqualTo(131021);
	}

	private Graph.Response sendTemplate(TestWorld world, String name, int parameters) {
		return world.sendTemplate(USER, name, "pt_BR", parameters);
	}

	private String sendText(TestWorld world, String text) {
		Graph.Response response = world.graph().post("/" + world.phoneNumberId() + "/messages",
				message("text", Map.of("body", text)));
		assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
		return response.body().path("messages").path(0).path("id").asString();
	}

	private List<String> statusesOf(String wamid) {
		return recorder.accepted("messages").stream().map(r -> r.value().path("statuses").path(0))
				.filter(s -> s.path("id").asString().equals(wamid)).map(s -> s.path("status").asString()).toList();
	}

	private JsonNode awaitStatus(String wamid, String status) {
		await().atMost(Duration.ofSeconds(10)).until(() -> statusesOf(wamid).contains(status));
		return recorder.accepted("messages").stream().map(r -> r.value().path("statuses").path(0))
				.filter(s -> s.path("id").asString().equals(wamid) && s.path("status").asString().equals(status))
				.findFirst().orElseThrow();
	}

	private static Map<String, Object> message(String type, Object content) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", USER);
		body.put("type", type);
		body.put(type, content);
		return body;
	}
}

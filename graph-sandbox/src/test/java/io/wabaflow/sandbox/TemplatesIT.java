package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@code /{waba_id}/message_templates}: creation, review and its webhook, paged and filtered lists, deletion,
 * the scenario's status, quality and category changes with their webhooks, and what a template's state does to
 * a send of it.
 */
class TemplatesIT {

	private static final String CUSTOMER = "5511912340000";
	private static final String STATUS_UPDATE = "message_template_status_update";

	private final ScenarioClient scenario = SharedSandbox.scenario();
	private final WebhookRecorder recorder = SharedSandbox.recorder();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void aCreatedTemplateIsPendingThenApprovedWithASignedStatusWebhook() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);

		Graph.Response created = create(world, "order_confirmation", "en_US", "UTILITY",
				"Your order {{1}} ships on {{2}}");

		assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
		assertThat(created.body().propertyNames()).containsExactly("id", "status", "category");
		String id = created.body().path("id").asString();
		assertThat(id).matches("[1-9]\\d{15}");
		assertThat(created.body().path("status").asString()).isEqualTo("PENDING");
		assertThat(created.body().path("category").asString()).isEqualTo("UTILITY");

		WebhookRecorder.Received approved = awaitEvent(STATUS_UPDATE, "event", "APPROVED");
		GraphSandboxIT.assertSignedAndEscaped(approved);
		JsonNode entry = approved.payload().path("entry").path(0);
		assertThat(entry.path("id").asString()).isEqualTo(world.wabaId());
		Instant sandboxNow = Instant.parse(scenario.get("/clock").path("now").asString());
		assertThat(entry.path("time").isIntegralNumber()).isTrue();
		assertThat(entry.path("time").asLong()).isBetween(sandboxNow.getEpochSecond() - 60, sandboxNow.getEpochSecond());
		JsonNode value = approved.value();
		assertThat(value.propertyNames()).containsExactly("event", "message_template_id", "message_template_name",
				"message_template_language", "reason", "message_template_category");
		assertThat(value.path("message_template_id").isIntegralNumber()).as("a JSON number, as Meta sends it").isTrue();
		assertThat(value.path("message_template_id").asLong()).isEqualTo(Long.parseLong(id));
		assertThat(value.path("message_template_name").asString()).isEqualTo("order_confirmation");
		assertThat(value.path("message_template_language").asString()).isEqualTo("en_US");
		assertThat(value.path("reason").asString()).isEqualTo("NONE");
		assertThat(value.path("message_template_category").asString()).isEqualTo("UTILITY");

		JsonNode listed = world.graph().get("/" + world.wabaId() + "/message_templates").body().path("data").path(0);
		assertThat(listed.path("id").asString()).isEqualTo(id);
		assertThat(listed.path("status").asString()).isEqualTo("APPROVED");
		assertThat(listed.path("quality_score").path("score").asString()).isEqualTo("UNKNOWN");
		assertThat(listed.path("components").path(1).path("text").asString()).isEqualTo("Your order {{1}} ships on {{2}}");
		Graph.Response sent = send(world, "order_confirmation", "en_US", 2);
		assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
		assertThat(sentPricing(sent).path("category").asString()).isEqualTo("utility");
	}

	@Test
	void manualReviewKeepsATemplatePendingUntilTheScenarioDecides() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		assertThat(scenario.put("/template-review", Map.of("manual", true)).path("manual").asBoolean()).isTrue();

		create(world, "appointment_reminder", "pt_BR", "UTILITY", "Olá {{1}}, até amanhã!");

		assertThat(list(world, "?name=appointment_reminder").path(0).path("status").asString()).isEqualTo("PENDING");
		assertThat(send(world, "appointment_reminder", "pt_BR", 1).errorCode()).isEqualTo(132001);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
				.until(() -> recorder.accepted(STATUS_UPDATE).isEmpty());

		JsonNode decided = scenario.put("/wabas/" + world.wabaId() + "/templates/appointment_reminder/pt_BR/status",
				Map.of("status", "APPROVED"));

		assertThat(decided.path("status").asString()).isEqualTo("APPROVED");
		assertThat(awaitEvent(STATUS_UPDATE, "event", "APPROVED").value().path("message_template_language").asString())
				.isEqualTo("pt_BR");
		assertThat(send(world, "appointment_reminder", "pt_BR", 1).status()).isEqualTo(200);
	}

	@Test
	void listsArePagedFilteredAndLimitedToTheWaba() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		for (int i = 0; i < 5; i++) {
			create(world, "promo_" + i, "en_US", "MARKETING", "Oferta {{1}}");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder.accepted(STATUS_UPDATE).size() == 5);
		scenario.put("/template-review", Map.of("manual", true));
		create(world, "promo_0", "pt_BR", "MARKETING", "Oferta {{1}}");
		String otherWaba = scenario.createWaba(world.businessId(), true);
		scenario.post("/templates", Map.of("wabaId", otherWaba, "name", "not_ours"));

		JsonNode first = world.graph().get("/" + world.wabaId() + "/message_templates?limit=4").body();
		String after = first.path("paging").path("cursors").path("after").asString();
		JsonNode second = world.graph().get("/" + world.wabaId() + "/message_templates?limit=4&after=" + after).body();

		assertThat(first.path("data").size()).isEqualTo(4);
		assertThat(first.path("paging").path("next").asString()).contains("limit=4").contains("after=" + after);
		assertThat(second.path("data").size()).isEqualTo(2);
		assertThat(second.path("paging").has("next")).as("the last page has no next").isFalse();
		List<String> all = new ArrayList<>();
		first.path("data").forEach(t -> all.add(t.path("name").asString() + "/" + t.path("language").asString()));
		second.path("data").forEach(t -> all.add(t.path("name").asString() + "/" + t.path("language").asString()));
		assertThat(all).containsExactly("promo_0/en_US", "promo_1/en_US", "promo_2/en_US", "promo_3/en_US",
				"promo_4/en_US", "promo_0/pt_BR");

		assertThat(list(world, "?name=promo_0").size()).isEqualTo(2);
		assertThat(list(world, "?language=pt_BR").size()).isEqualTo(1);
		assertThat(list(world, "?status=PENDING").path(0).path("language").asString()).isEqualTo("pt_BR");
		assertThat(list(world, "?status=APPROVED&name=promo_0").size()).isEqualTo(1);
		assertThat(list(world, "?fields=name,status&limit=1").path(0).propertyNames())
				.containsExactly("name", "status", "id");
		assertThat(world.graph().get("/" + world.wabaId() + "/message_templates?fields=nope").errorCode())
				.isEqualTo(100);
		String stranger = scenario.businessToken(scenario.createBusiness("Outra Loja"));
		assertThat(world.graph().as(stranger).get("/" + world.wabaId() + "/message_templates").errorCode())
				.isEqualTo(100);
	}

	@Test
	void duplicatesAndInvalidTemplatesAreRefusedWithError100() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		create(world, "welcome", "en_US", "MARKETING", "Welcome {{1}}");

		Graph.Response duplicate = create(world, "welcome", "en_US", "MARKETING", "Welcome again {{1}}");

		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(duplicate.errorCode()).isEqualTo(100);
		assertThat(duplicate.body().path("error").path("error_subcode").asInt()).isEqualTo(2388023);
		assertThat(duplicate.body().path("error").path("message").asString()).contains("already exists");
		assertThat(create(world, "welcome", "es_ES", "MARKETING", "Bienvenido {{1}}").status()).isEqualTo(200);

		Map<String, Object> valid = template("receipt", "en_US", "UTILITY", "Paid {{1}}");
		assertRefused(world, with(valid, "name", "Receipt-2"), "name");
		assertRefused(world, with(valid, "name", "r".repeat(513)), "name");
		assertRefused(world, with(valid, "name", null), "name");
		assertRefused(world, with(valid, "language", null), "language");
		assertRefused(world, with(valid, "category", "PROMOTION"), "category");
		assertRefused(world, with(valid, "category", null), "category");
		assertRefused(world, with(valid, "components", List.of(Map.of("type", "FOOTER", "text", "x"))), "components");
		assertRefused(world, with(valid, "components",
				List.of(Map.of("type", "BODY", "text", "a"), Map.of("type", "BODY", "text", "b"))), "components");
		assertRefused(world, with(valid, "components", List.of(Map.of("type", "BODY"))), "components[0].text");
		assertRefused(world, with(valid, "components", List.of(Map.of("type", "CAROUSEL_X", "text", "a"))),
				"components[0].type");
		assertThat(world.graph().post("/" + world.wabaId() + "/message_templates", valid).status()).isEqualTo(200);
	}

	@Test
	void deletingByNameRemovesEveryLanguageAndHsmIdOnlyOne() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		create(world, "greeting", "en_US", "UTILITY", "Hi {{1}}");
		create(world, "greeting", "pt_BR", "UTILITY", "Oi {{1}}");
		create(world, "farewell", "en_US", "UTILITY", "Bye {{1}}");
		String farewellPt = create(world, "farewell", "pt_BR", "UTILITY", "Tchau {{1}}").body().path("id").asString();

		Graph.Response deleted = world.graph().delete("/" + world.wabaId() + "/message_templates?name=greeting");
		Graph.Response one = world.graph()
				.delete("/" + world.wabaId() + "/message_templates?name=farewell&hsm_id=" + farewellPt);

		assertThat(deleted.body().path("success").asBoolean()).isTrue();
		assertThat(one.body().path("success").asBoolean()).isTrue();
		JsonNode left = list(world, "");
		assertThat(left.size()).isEqualTo(1);
		assertThat(left.path(0).path("name").asString()).isEqualTo("farewell");
		assertThat(left.path(0).path("language").asString()).isEqualTo("en_US");
		assertThat(world.graph().delete("/" + world.wabaId() + "/message_templates?name=greeting").errorCode())
				.isEqualTo(100);
		assertThat(world.graph().delete("/" + world.wabaId() + "/message_templates").errorCode()).isEqualTo(100);
	}

	@Test
	void aPausedTemplateEmitsItsWebhookAndSendsOfItGet132015() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		create(world, "weekly_digest", "en_US", "MARKETING", "This week: {{1}}");
		awaitEvent(STATUS_UPDATE, "event", "APPROVED");
		String path = "/wabas/" + world.wabaId() + "/templates/weekly_digest/en_US/status";

		JsonNode paused = scenario.put(path, Map.of("status", "PAUSED", "reason", "LOW_QUALITY"));

		assertThat(paused.path("status").asString()).isEqualTo("PAUSED");
		JsonNode event = awaitEvent(STATUS_UPDATE, "event", "PAUSED").value();
		assertThat(event.path("reason").asString()).isEqualTo("LOW_QUALITY");
		assertThat(event.path("message_template_name").asString()).isEqualTo("weekly_digest");
		assertThat(send(world, "weekly_digest", "en_US", 1).errorCode()).isEqualTo(132015);
		scenario.put(path, Map.of("status", "DISABLED"));
		awaitEvent(STATUS_UPDATE, "event", "DISABLED");
		assertThat(send(world, "weekly_digest", "en_US", 1).errorCode()).isEqualTo(132016);
		scenario.put(path, Map.of("status", "REJECTED", "reason", "INVALID_FORMAT"));
		assertThat(send(world, "weekly_digest", "en_US", 1).errorCode()).isEqualTo(132001);
		assertThat(list(world, "?fields=status,rejected_reason").path(0).path("rejected_reason").asString())
				.isEqualTo("INVALID_FORMAT");

		assertThatThrownBy(() -> scenario.put(path, Map.of("status", "SLEEPING")))
				.isInstanceOfSatisfying(ScenarioClient.ScenarioException.class, e -> assertThat(e.status()).isEqualTo(400));
		assertThatThrownBy(() -> scenario.put("/wabas/" + world.wabaId() + "/templates/nope/en_US/status",
				Map.of("status", "PAUSED")))
				.isInstanceOfSatisfying(ScenarioClient.ScenarioException.class, e -> assertThat(e.status()).isEqualTo(404));
	}

	@Test
	void qualityAndCategoryChangesEmitTheirWebhooksAndTheCategoryPricesSends() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		String id = create(world, "shipping_update", "en_US", "UTILITY", "Package {{1}}").body().path("id").asString();
		awaitEvent(STATUS_UPDATE, "event", "APPROVED");
		String path = "/wabas/" + world.wabaId() + "/templates/shipping_update/en_US";

		JsonNode yellow = scenario.put(path + "/quality", Map.of("score", "YELLOW"));
		JsonNode marketing = scenario.put(path + "/category", Map.of("category", "MARKETING"));

		assertThat(yellow.path("qualityScore").asString()).isEqualTo("YELLOW");
		assertThat(marketing.path("category").asString()).isEqualTo("MARKETING");
		JsonNode quality = awaitEvent("message_template_quality_update", "new_quality_score", "YELLOW").value();
		assertThat(quality.propertyNames()).containsExactly("previous_quality_score", "new_quality_score",
				"message_template_id", "message_template_name", "message_template_language");
		assertThat(quality.path("previous_quality_score").asString()).isEqualTo("UNKNOWN");
		assertThat(quality.path("message_template_id").asLong()).isEqualTo(Long.parseLong(id));
		JsonNode category = awaitEvent("template_category_update", "new_category", "MARKETING").value();
		assertThat(category.propertyNames()).containsExactly("message_template_id", "message_template_name",
				"message_template_language", "previous_category", "new_category");
		assertThat(category.path("previous_category").asString()).isEqualTo("UTILITY");
		assertThat(list(world, "").path(0).path("quality_score").path("score").asString()).isEqualTo("YELLOW");
		assertThat(sentPricing(send(world, "shipping_update", "en_US", 1)).path("category").asString())
				.isEqualTo("marketing");
	}

	@Test
	void aSendMustGiveOneValuePerDistinctBodyPlaceholder() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		create(world, "order_ready", "pt_BR", "UTILITY", "Oi {{1}}, o pedido {{2}} sai às {{3}}. Obrigado, {{1}}!");
		awaitEvent(STATUS_UPDATE, "event", "APPROVED");

		Graph.Response two = send(world, "order_ready", "pt_BR", 2);
		Graph.Response three = send(world, "order_ready", "pt_BR", 3);

		assertThat(two.errorCode()).isEqualTo(132000);
		assertThat(two.body().path("error").path("error_data").path("details").asString())
				.contains("(2)").contains("(3)");
		assertThat(three.status()).isEqualTo(200);
	}

	@Test
	void scenarioTemplatesOfAWabaAreListedAndResetForgetsEveryTemplate() {
		TestWorld world = TestWorld.cloud();
		withoutTheSample(world);
		scenario.post("/templates", Map.of("wabaId", world.wabaId(), "name", "legacy", "language", "pt_BR",
				"components", List.of(Map.of("type", "BODY", "text", "Oi {{1}} e {{2}}"))));
		scenario.post("/templates", Map.of("name", "everywhere", "language", "pt_BR", "bodyParameters", 1));
		scenario.put("/template-review", Map.of("manual", true));

		assertThat(list(world, "").size()).as("only the WABA's own").isEqualTo(1);
		assertThat(list(world, "").path(0).path("status").asString()).isEqualTo("APPROVED");
		assertThat(send(world, "legacy", "pt_BR", 1).errorCode()).isEqualTo(132000);
		assertThat(send(world, "everywhere", "pt_BR", 1).status()).isEqualTo(200);
		assertThat(scenario.get("/templates").size()).isEqualTo(2);

		scenario.reset(4242);

		assertThat(scenario.get("/templates").size()).isZero();
		assertThat(scenario.get("/template-review").path("manual").asBoolean()).isFalse();
	}

	private Graph.Response create(TestWorld world, String name, String language, String category, String body) {
		return world.graph().post("/" + world.wabaId() + "/message_templates",
				template(name, language, category, body));
	}

	/** The shape of Meta's creation example: a text header, the body, a footer and two buttons. */
	private static Map<String, Object> template(String name, String language, String category, String body) {
		Map<String, Object> template = new LinkedHashMap<>();
		template.put("name", name);
		template.put("language", language);
		template.put("category", category);
		template.put("components", List.of(Map.of("type", "HEADER", "format", "TEXT", "text", "Hi {{1}}"),
				Map.of("type", "BODY", "text", body), Map.of("type", "FOOTER", "text", "Padaria Central"),
				Map.of("type", "BUTTONS", "buttons", List.of(Map.of("type", "QUICK_REPLY", "text", "Stop"),
						Map.of("type", "URL", "text", "Track", "url", "https://x.example/{{1}}")))));
		return template;
	}

	private static Map<String, Object> with(Map<String, Object> template, String key, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(template);
		if (value == null) {
			changed.remove(key);
		}
		else {
			changed.put(key, value);
		}
		return changed;
	}

	private static void assertRefused(TestWorld world, Map<String, Object> body, String field) {
		Graph.Response response = world.graph().post("/" + world.wabaId() + "/message_templates", body);
		assertThat(response.errorCode()).as("%s", body).isEqualTo(100);
		assertThat(response.body().path("error").path("message").asString()).as("%s", body).contains(field);
	}

	@Test
	void everyWabaHasMetasSampleTemplateApprovedAndSendable() {
		TestWorld world = TestWorld.cloud();
		JsonNode sample = list(world, "?name=hello_world");
		assertThat(sample.size()).isEqualTo(1);
		assertThat(sample.path(0).path("language").asString()).isEqualTo("en_US");
		assertThat(sample.path(0).path("status").asString()).isEqualTo("APPROVED");
		assertThat(sample.path(0).path("category").asString()).isEqualTo("UTILITY");
		assertThat(send(world, "hello_world", "en_US", 0).status()).isEqualTo(200);
		// deleted, it stays deleted
		withoutTheSample(world);
		assertThat(list(world, "?name=hello_world").size()).isZero();
	}

	/** Deletes Meta's sample template, which every WABA has, so that a test counts only its own. */
	private static void withoutTheSample(TestWorld world) {
		assertThat(world.graph().delete("/" + world.wabaId() + "/message_templates?name=hello_world").status())
				.isEqualTo(200);
	}

	private JsonNode list(TestWorld world, String query) {
		Graph.Response response = world.graph().get("/" + world.wabaId() + "/message_templates" + query);
		assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
		return response.body().path("data");
	}

	private static Graph.Response send(TestWorld world, String name, String language, int parameters) {
		return world.sendTemplate(CUSTOMER, name, language, parameters);
	}

	/** The pricing of the {@code sent} status of an accepted send. */
	private JsonNode sentPricing(Graph.Response accepted) {
		String wamid = accepted.body().path("messages").path(0).path("id").asString();
		return await().atMost(Duration.ofSeconds(10)).until(() -> recorder.accepted("messages").stream()
				.map(r -> r.value().path("statuses").path(0))
				.filter(s -> s.path("id").asString().equals(wamid) && s.path("status").asString().equals("sent"))
				.findFirst(), Optional::isPresent).orElseThrow().path("pricing");
	}

	private WebhookRecorder.Received awaitEvent(String field, String key, String value) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> recorder.accepted(field).stream()
				.filter(r -> r.value().path(key).asString().equals(value)).findFirst(), Optional::isPresent)
				.orElseThrow();
	}
}

package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Embedded Signup as the sandbox plays it: code exchange, token inspection, discovery, creation, activation. */
class OnboardingIT {

	private final ScenarioClient scenario = SharedSandbox.scenario();
	private final Graph anonymous = SharedSandbox.graph(null);

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void aSignupCodeIsExchangedOnceForABusinessToken() {
		String business = scenario.createBusiness("Oficina do Zé");
		String waba = scenario.createWaba(business, false);
		String code = scenario.signupCode(business);

		Graph.Response exchanged = anonymous.get(exchange(code));
		assertThat(exchanged.status()).isEqualTo(200);
		String token = exchanged.body().path("access_token").asString();
		assertThat(token).startsWith("EAA");
		assertThat(exchanged.body().path("token_type").asString()).isEqualTo("bearer");

		Graph.Response again = anonymous.get(exchange(code));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.errorCode()).isEqualTo(100);
		assertThat(again.body().path("error").path("message").asString()).isEqualTo("This authorization code has been used.");

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
				.until(() -> !SharedSandbox.recorder().accepted("account_update").isEmpty());
		JsonNode added = SharedSandbox.recorder().accepted("account_update").get(0).payload().path("entry").path(0);
		assertThat(added.path("time").isNumber()).as("account_update entries carry time [AU]").isTrue();
		assertThat(added.path("changes").path(0).path("value").path("event").asString()).isEqualTo("PARTNER_ADDED");
		assertThat(added.path("changes").path(0).path("value").path("waba_info").path("waba_id").asString())
				.isEqualTo(waba);

		JsonNode debug = SharedSandbox.graph(SharedSandbox.sandbox().systemUserToken())
				.get("/debug_token?input_token=" + token).body().path("data");
		assertThat(debug.path("is_valid").asBoolean()).isTrue();
		assertThat(debug.path("app_id").asString()).isEqualTo(SharedSandbox.APP_ID);
		JsonNode management = debug.path("granular_scopes").valueStream()
				.filter(s -> s.path("scope").asString().equals("whatsapp_business_management")).findFirst().orElseThrow();
		assertThat(management.path("target_ids").valueStream().map(JsonNode::asString)).containsExactly(waba);
	}

	@Test
	void aSignupCodeExpiresAfterThirtySeconds() {
		String business = scenario.createBusiness("Lenta");
		scenario.createWaba(business, false);
		String code = scenario.signupCode(business);
		scenario.advanceClock(Duration.ofSeconds(31));

		Graph.Response late = anonymous.get(exchange(code));

		assertThat(late.errorCode()).isEqualTo(100);
		assertThat(late.body().path("error").path("message").asString()).isEqualTo("This authorization code has expired.");
	}

	@Test
	void theExchangeNeedsTheAppsIdAndSecret() {
		String business = scenario.createBusiness("X");
		String code = scenario.signupCode(business);

		assertThat(anonymous.get("/oauth/access_token?client_id=1&client_secret=" + SharedSandbox.APP_SECRET
				+ "&code=" + code).errorCode()).isEqualTo(101);
		assertThat(anonymous.get("/oauth/access_token?client_id=" + SharedSandbox.APP_ID + "&client_secret=nope&code="
				+ code).errorCode()).isEqualTo(1);
		assertThat(anonymous.get(exchange(code)).status()).as("failed attempts do not burn the code").isEqualTo(200);
	}

	@Test
	void tokensAreCheckedOnEveryCall() {
		TestWorld world = TestWorld.cloud();

		Graph.Response unknown = world.graph().as("EAAnotatoken").get("/" + world.phoneNumberId());
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.errorCode()).isEqualTo(190);
		assertThat(unknown.body().path("error").path("type").asString()).isEqualTo("OAuthException");
		assertThat(unknown.body().path("error").path("fbtrace_id").asString()).isNotBlank();

		assertThat(anonymous.get("/" + world.phoneNumberId()).errorCode()).isEqualTo(200);

		scenario.post("/tokens/revoke", Map.of("token", world.token()));
		Graph.Response revoked = world.graph().get("/" + world.phoneNumberId());
		assertThat(revoked.errorCode()).isEqualTo(190);
		assertThat(revoked.body().path("error").path("message").asString()).contains("invalidated");

		JsonNode inspected = SharedSandbox.graph(SharedSandbox.APP_ID + "|" + SharedSandbox.APP_SECRET)
				.get("/debug_token?input_token=" + world.token()).body().path("data");
		assertThat(inspected.path("is_valid").asBoolean()).isFalse();
	}

	@Test
	void aBusinessTokenSeesOnlyItsOwnBusiness() {
		TestWorld mine = TestWorld.cloud();
		TestWorld theirs = TestWorld.cloud();

		Graph.Response foreign = mine.graph().get("/" + theirs.wabaId() + "/phone_numbers");

		assertThat(foreign.errorCode()).isEqualTo(100);
		assertThat(foreign.body().path("error").path("type").asString()).isEqualTo("GraphMethodException");
		assertThat(foreign.body().path("error").path("message").asString())
				.startsWith("Unsupported get request. Object with ID '" + theirs.wabaId() + "' does not exist");
		assertThat(mine.graph().get("/" + mine.wabaId() + "/phone_numbers").status()).isEqualTo(200);
	}

	@Test
	void ownedAndClientListsShowTheWabas() {
		TestWorld world = TestWorld.cloud();

		JsonNode owned = world.graph().get("/" + world.businessId() + "/owned_whatsapp_business_accounts").body();
		assertThat(owned.path("data").path(0).path("id").asString()).isEqualTo(world.wabaId());
		assertThat(owned.path("data").path(0).path("name").isString()).isTrue();
		assertThat(owned.path("paging").path("cursors").has("after")).isTrue();

		JsonNode client = SharedSandbox.graph(SharedSandbox.sandbox().systemUserToken())
				.get("/" + scenario.partnerBusinessId() + "/client_whatsapp_business_accounts?fields=id,name,ownership_type")
				.body();
		assertThat(client.path("data").valueStream().map(w -> w.path("id").asString())).contains(world.wabaId());
		assertThat(client.path("data").path(0).path("ownership_type").asString()).isEqualTo("CLIENT_OWNED");
	}

	@Test
	void onlyThePlannedCreationStrategySucceedsAndItsWabaAppearsAfterItsPolls() {
		String business = scenario.createBusiness("Nova Loja");
		scenario.wabaCreation(business, "2B", 2);
		Graph graph = SharedSandbox.graph(scenario.businessToken(business));

		Graph.Response a = graph.post("/" + business + "/client_whatsapp_applications", Map.of("app_name",
				"WhatsApp Business Account", "waba_creation_request",
				Map.of("business_manager_id", business, "category", "BUSINESS_TO_CUSTOMER")));
		assertThat(a.errorCode()).isEqualTo(100);
		assertThat(a.body().path("error").path("type").asString()).isEqualTo("GraphMethodException");
		assertThat(graph.post("/" + business + "/applications", Map.of("name", "WhatsApp Business App", "namespace",
				"whatsapp_1", "category", "BUSINESS")).errorCode()).isEqualTo(3);
		assertThat(graph.post("/whatsapp_business_accounts", Map.of("business_manager_id", business, "name", "W",
				"category", "BUSINESS_TO_CUSTOMER")).errorCode()).isEqualTo(100);

		Graph.Response b = graph.post("/" + business + "/whatsapp_business_accounts",
				Map.of("name", "WhatsApp Business Account", "category", "BUSINESS_TO_CUSTOMER"));
		assertThat(b.status()).isEqualTo(200);
		String waba = b.body().path("id").asString();

		assertThat(graph.get("/" + waba).errorCode()).as("poll 1 misses it").isEqualTo(100);
		assertThat(graph.get("/" + business + "/owned_whatsapp_business_accounts").body().path("data").size())
				.as("poll 2 misses it").isZero();
		assertThat(graph.get("/" + waba).body().path("id").asString()).as("poll 3 sees it").isEqualTo(waba);
		assertThat(graph.get("/" + business + "/owned_whatsapp_business_accounts").body().path("data").path(0)
				.path("id").asString()).isEqualTo(waba);
		assertThat(scenario.calls("whatsapp_business_accounts").size()).isEqualTo(2);
	}

	@Test
	void creationBodiesAreValidatedForThePlannedStrategy() {
		String business = scenario.createBusiness("Loja");
		scenario.wabaCreation(business, "2A", 0);
		Graph graph = SharedSandbox.graph(scenario.businessToken(business));

		Graph.Response missing = graph.post("/" + business + "/client_whatsapp_applications",
				Map.of("app_name", "WhatsApp Business Account"));

		assertThat(missing.errorCode()).isEqualTo(100);
		assertThat(missing.body().path("error").path("message").asString()).contains("waba_creation_request");
	}

	@Test
	void strategy2eMakesTheWabaAppearInDebugToken() {
		String business = scenario.createBusiness("Via Debug");
		scenario.wabaCreation(business, "2E", 1);
		String token = scenario.businessToken(business);
		Graph system = SharedSandbox.graph(SharedSandbox.sandbox().systemUserToken());

		assertThat(targets(system.get("/debug_token?input_token=" + token).body())).isEmpty();
		List<String> seen = targets(system.get("/debug_token?input_token=" + token).body());

		assertThat(seen).hasSize(1);
		assertThat(SharedSandbox.graph(token).get("/" + seen.get(0)).status()).isEqualTo(200);
	}

	@Test
	void aScenarioCanChooseTheErrorOfAFailingStrategy() {
		String business = scenario.createBusiness("Restrita");
		scenario.put("/waba-creation", Map.of("businessId", business, "strategy", "NONE", "failures", Map.of("2B", 368)));

		Graph.Response failed = SharedSandbox.graph(scenario.businessToken(business)).post(
				"/" + business + "/whatsapp_business_accounts", Map.of("name", "W", "category", "BUSINESS_TO_CUSTOMER"));

		assertThat(failed.status()).isEqualTo(403);
		assertThat(failed.errorCode()).isEqualTo(368);
		assertThat(failed.body().path("error").path("message").asString())
				.isEqualTo("(#368) Temporarily blocked for policies violations");
	}

	@Test
	void phoneNumbersAnswerDefaultFieldsAndCoexistenceOnlyWhenAsked() {
		TestWorld world = TestWorld.coexistence(Map.of());
		Graph graph = world.graph();

		JsonNode listed = graph.get("/" + world.wabaId() + "/phone_numbers").body().path("data").path(0);
		assertThat(listed.path("id").asString()).isEqualTo(world.phoneNumberId());
		assertThat(listed.path("display_phone_number").asString()).isEqualTo("+55 11 4002-8922");
		assertThat(listed.path("code_verification_status").asString()).isEqualTo("VERIFIED");
		assertThat(listed.path("throughput").path("level").isString()).isTrue();
		assertThat(listed.has("is_on_biz_app")).as("not a default field").isFalse();

		JsonNode coexistence = graph.get("/" + world.phoneNumberId() + "?fields=is_on_biz_app,platform_type").body();
		assertThat(coexistence.path("is_on_biz_app").asBoolean()).isTrue();
		assertThat(coexistence.path("platform_type").asString()).isEqualTo("CLOUD_API");
		assertThat(coexistence.path("id").asString()).isEqualTo(world.phoneNumberId());

		assertThat(graph.get("/" + world.phoneNumberId() + "?fields=is_coexistence").errorCode()).isEqualTo(100);
	}

	@Test
	void listsArePagedWithCursors() {
		TestWorld world = TestWorld.cloud();
		scenario.createCloudNumber(world.wabaId(), "+55 11 4002-0001", true);
		scenario.createCloudNumber(world.wabaId(), "+55 11 4002-0002", true);

		JsonNode first = world.graph().get("/" + world.wabaId() + "/phone_numbers?fields=id&limit=2").body();
		assertThat(first.path("data").size()).isEqualTo(2);
		assertThat(first.path("paging").path("next").asString()).startsWith("http").contains("limit=2")
				.contains("fields=id");
		String after = first.path("paging").path("cursors").path("after").asString();
		JsonNode second = world.graph().get("/" + world.wabaId() + "/phone_numbers?fields=id&limit=2&after=" + after)
				.body();

		assertThat(second.path("data").size()).isEqualTo(1);
		assertThat(second.path("paging").has("next")).isFalse();
	}

	@Test
	void registrationTakesASixDigitPinOnceAndSkipsCoexistence() {
		TestWorld world = TestWorld.create("cloud", true, Map.of("registered", false));
		Graph graph = world.graph();
		String register = "/" + world.phoneNumberId() + "/register";
		assertThat(graph.get("/" + world.phoneNumberId() + "?fields=platform_type").body().path("platform_type")
				.asString()).isEqualTo("NOT_APPLICABLE");

		assertThat(graph.post(register, Map.of("pin", "123456")).errorCode()).isEqualTo(100);
		assertThat(graph.post(register, Map.of("messaging_product", "whatsapp", "pin", "12345")).errorCode())
				.isEqualTo(100);
		Graph.Response ok = graph.postForm(register, "messaging_product=whatsapp&pin=152563");
		assertThat(ok.body().path("success").asBoolean()).isTrue();
		assertThat(graph.get("/" + world.phoneNumberId() + "?fields=platform_type").body().path("platform_type")
				.asString()).isEqualTo("CLOUD_API");
		assertThat(graph.post(register, Map.of("messaging_product", "whatsapp", "pin", "999999")).errorCode())
				.isEqualTo(133005);

		TestWorld coexistence = TestWorld.coexistence(Map.of());
		assertThat(coexistence.graph().post("/" + coexistence.phoneNumberId() + "/register",
				Map.of("messaging_product", "whatsapp", "pin", "152563")).errorCode()).isEqualTo(100);
	}

	@Test
	void subscribedAppsSubscribesListsAndUnsubscribes() {
		TestWorld world = TestWorld.create("cloud", false, Map.of("registered", true));
		Graph graph = world.graph();
		String edge = "/" + world.wabaId() + "/subscribed_apps";

		assertThat(graph.get(edge).body().path("data").size()).isZero();
		assertThat(graph.post(edge, Map.of()).body().path("success").asBoolean()).isTrue();
		assertThat(graph.get(edge).body().path("data").path(0).path("whatsapp_business_api_data").path("id")
				.asString()).isEqualTo(SharedSandbox.APP_ID);
		assertThat(graph.delete(edge).body().path("success").asBoolean()).isTrue();
		assertThat(graph.get(edge).body().path("data").size()).isZero();

		Graph.Response badOverride = graph.post(edge, Map.of("override_callback_uri",
				SharedSandbox.recorder().url(), "verify_token", "wrong"));
		assertThat(badOverride.errorCode()).isEqualTo(2200);
		Graph.Response override = graph.post(edge, Map.of("override_callback_uri", SharedSandbox.recorder().url(),
				"verify_token", SharedSandbox.VERIFY_TOKEN));
		assertThat(override.body().path("success").asBoolean()).isTrue();
		assertThat(graph.get(edge).body().path("data").path(0).path("override_callback_uri").asString())
				.isEqualTo(SharedSandbox.recorder().url());
	}

	@Test
	void injectedErrorsFailTheNextMatchingCallsWithMetasBody() {
		TestWorld world = TestWorld.cloud();
		Graph graph = world.graph();
		String phoneNumbers = "/" + world.wabaId() + "/phone_numbers";
		scenario.injectError("phone_numbers", 190, 1);
		scenario.post("/errors", Map.of("path", "/subscribed_apps$", "method", "POST", "code", 2494100, "times", 2));
		scenario.post("/errors", Map.of("operation", "node", "nodeId", world.phoneNumberId(), "code", 4));

		Graph.Response expired = graph.get(phoneNumbers);
		assertThat(expired.status()).isEqualTo(401);
		JsonNode error = expired.body().path("error");
		assertThat(error.path("code").asInt()).isEqualTo(190);
		assertThat(error.path("type").asString()).isEqualTo("OAuthException");
		assertThat(error.path("message").isString()).isTrue();
		assertThat(error.path("error_data").path("details").isString()).isTrue();
		assertThat(error.path("fbtrace_id").isString()).isTrue();
		assertThat(graph.get(phoneNumbers).status()).as("only once").isEqualTo(200);

		assertThat(graph.post("/" + world.wabaId() + "/subscribed_apps", Map.of()).errorCode()).isEqualTo(2494100);
		assertThat(graph.post("/" + world.wabaId() + "/subscribed_apps", Map.of()).errorCode()).isEqualTo(2494100);
		assertThat(graph.post("/" + world.wabaId() + "/subscribed_apps", Map.of()).status()).isEqualTo(200);

		Graph.Response throttled = graph.get("/" + world.phoneNumberId());
		assertThat(throttled.errorCode()).isEqualTo(4);
		assertThat(throttled.status()).as("throttling is HTTP 400 by default; classify by code").isEqualTo(400);
		assertThat(scenario.get("/errors").size()).isEqualTo(3);
	}

	private static String exchange(String code) {
		return "/oauth/access_token?client_id=" + SharedSandbox.APP_ID + "&client_secret=" + SharedSandbox.APP_SECRET
				+ "&code=" + code;
	}

	private static List<String> targets(JsonNode debug) {
		return debug.path("data").path("granular_scopes").valueStream()
				.filter(s -> s.path("scope").asString().equals("whatsapp_business_management"))
				.flatMap(s -> s.path("target_ids").valueStream()).map(JsonNode::asString).toList();
	}
}

package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What a client sees when it looks for the customer's WABA without a hint: the user's pages ({@code /me/accounts}),
 * what debug_token reports as the scenario sets it, and WABAs shared with a business other than our partner.
 */
class DiscoveryIT {

	private final ScenarioClient scenario = SharedSandbox.scenario();
	private final Graph anonymous = SharedSandbox.graph(null);
	private final Graph system = SharedSandbox.graph(SharedSandbox.sandbox().systemUserToken());

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void theSignupUsersPagesAreListedWithTheirBusiness() {
		String business = scenario.createBusiness("Padaria");
		String page = scenario.createPage(business, "Padaria no Facebook");
		String other = scenario.createBusiness("Outra");
		String otherPage = scenario.createPage(other, "Outra página");
		String loose = scenario.post("/pages", Map.of("name", "Sem portfólio")).path("id").asString();
		Graph graph = SharedSandbox.graph(exchange(scenario.signupCode(business)));

		JsonNode pages = graph.get("/me/accounts?fields=id,name,business").body();

		assertThat(pages.path("data").size()).as("by default, the pages the business owns").isEqualTo(1);
		JsonNode listed = pages.path("data").path(0);
		assertThat(listed.path("id").asString()).isEqualTo(page);
		assertThat(listed.path("name").asString()).isEqualTo("Padaria no Facebook");
		assertThat(listed.path("business").path("id").asString()).isEqualTo(business);
		assertThat(listed.path("business").path("name").asString()).isEqualTo("Padaria");
		assertThat(pages.path("paging").path("cursors").has("after")).isTrue();
		JsonNode defaults = graph.get("/me/accounts").body().path("data").path(0);
		assertThat(defaults.has("business")).as("not a default field").isFalse();
		assertThat(defaults.path("tasks").isArray()).isTrue();
		assertThat(graph.get("/" + page + "?fields=id,business").body().path("business").path("id").asString())
				.isEqualTo(business);
		assertThat(graph.get("/me/accounts?fields=id,likes").errorCode()).isEqualTo(100);

		Graph chosen = SharedSandbox.graph(exchange(scenario.post("/signup-codes",
				Map.of("businessId", business, "pageIds", List.of(otherPage, loose))).path("code").asString()));
		JsonNode granted = chosen.get("/me/accounts?fields=id,name,business").body();
		assertThat(granted.path("data").valueStream().map(p -> p.path("id").asString())).containsExactly(otherPage,
				loose);
		assertThat(granted.path("data").path(0).path("business").path("id").asString()).isEqualTo(other);
		assertThat(granted.path("data").path(1).has("business")).as("a page outside any portfolio").isFalse();
		assertThat(graph.get("/" + otherPage).errorCode()).as("neither granted nor of its business").isEqualTo(100);
		assertThat(scenario.calls("accounts").size()).isEqualTo(4);
		assertThat(status(() -> scenario.post("/signup-codes", Map.of("businessId", business, "pageIds",
				List.of("404404404"))))).isEqualTo(404);
	}

	@Test
	void aTokenWithoutAUserHasNoPages() {
		String business = scenario.createBusiness("Sem Usuário");
		scenario.createPage(business, "Página");

		Graph.Response partner = system.get("/me/accounts?fields=id,name,business");
		assertThat(partner.status()).isEqualTo(400);
		assertThat(partner.errorCode()).as("the partner's system user").isEqualTo(100);
		assertThat(SharedSandbox.graph(scenario.businessToken(business)).get("/me/accounts").errorCode())
				.as("a scenario token without pages").isEqualTo(100);
		assertThat(SharedSandbox.graph(SharedSandbox.APP_ID + "|" + SharedSandbox.APP_SECRET).get("/me/accounts")
				.errorCode()).isEqualTo(2500);

		String withUser = scenario.post("/tokens", Map.of("businessId", business, "pageIds", List.of()))
				.path("access_token").asString();
		JsonNode none = SharedSandbox.graph(withUser).get("/me/accounts").body();
		assertThat(none.path("data").size()).isZero();
		assertThat(none.has("paging")).isFalse();
	}

	@Test
	void debugTokenReportsTheScopesTheScenarioSets() {
		String business = scenario.createBusiness("Escopos");
		String first = scenario.createWaba(business, false);
		String second = scenario.createWaba(business, false);

		JsonNode granted = debug(exchange(scenario.signupCode(business)));
		assertThat(targets(granted, "whatsapp_business_management")).containsExactly(first, second);
		assertThat(targets(granted, "whatsapp_business_messaging")).containsExactly(first, second);
		assertThat(targets(granted, "business_management")).containsExactly(business);
		assertThat(granted.path("scopes").valueStream().map(JsonNode::asString)).contains("business_management");

		String token = exchange(scenario.post("/signup-codes", Map.of("businessId", business, "debugToken",
				Map.of("businessManagement", false, "wabaIds", List.of(second)))).path("code").asString());
		JsonNode reported = debug(token);
		assertThat(targets(reported, "whatsapp_business_management")).containsExactly(second);
		assertThat(reported.path("granular_scopes").valueStream().map(s -> s.path("scope").asString()))
				.doesNotContain("business_management");
		assertThat(reported.path("scopes").valueStream().map(JsonNode::asString)).doesNotContain("business_management");
		assertThat(SharedSandbox.graph(token).get("/" + first).status()).as("the report only, not the grant")
				.isEqualTo(200);

		JsonNode nothing = debug(scenario.post("/tokens", Map.of("businessId", business, "debugToken",
				Map.of("wabaIds", List.of()))).path("access_token").asString());
		assertThat(targets(nothing, "whatsapp_business_management")).isEmpty();
		assertThat(targets(nothing, "business_management")).containsExactly(business);
		assertThat(status(() -> scenario.post("/signup-codes", Map.of("businessId", business, "debugToken",
				Map.of("wabaIds", List.of("404404404")))))).isEqualTo(404);
	}

	@Test
	void aWabaSharedWithAnotherBusinessIsAClientWabaOfThatBusiness() {
		String agency = scenario.createBusiness("Agência");
		String client = scenario.createBusiness("Cliente da Agência");
		String waba = scenario.post("/wabas", Map.of("businessId", client, "sharedWith", agency)).path("id")
				.asString();
		Graph graph = SharedSandbox.graph(exchange(scenario.post("/signup-codes",
				Map.of("businessId", agency, "wabaIds", List.of(waba))).path("code").asString()));

		JsonNode clients = graph.get("/" + agency + "/client_whatsapp_business_accounts?fields=id,ownership_type")
				.body();
		assertThat(clients.path("data").valueStream().map(w -> w.path("id").asString())).containsExactly(waba);
		assertThat(clients.path("data").path(0).path("ownership_type").asString()).isEqualTo("CLIENT_OWNED");
		assertThat(graph.get("/" + agency + "/owned_whatsapp_business_accounts").body().path("data").size()).isZero();
		assertThat(system.get("/" + scenario.partnerBusinessId() + "/client_whatsapp_business_accounts").body()
				.path("data").valueStream().map(w -> w.path("id").asString())).doesNotContain(waba);
		JsonNode added = SharedSandbox.awaitWebhooks("account_update", 1).get(0).payload().path("entry").path(0)
				.path("changes").path(0).path("value").path("waba_info");
		assertThat(added.path("owner_business_id").asString()).as("the WABA's owner").isEqualTo(client);

		assertThat(status(() -> scenario.post("/wabas", Map.of("businessId", client, "sharedWith", client))))
				.isEqualTo(400);
		assertThat(status(() -> scenario.post("/wabas", Map.of("businessId", client, "sharedWith", agency,
				"sharedWithPartner", true)))).isEqualTo(400);
		assertThat(status(() -> scenario.post("/wabas", Map.of("businessId", client, "sharedWith", "404404404"))))
				.isEqualTo(404);
	}

	private String exchange(String code) {
		return anonymous.get("/oauth/access_token?client_id=" + SharedSandbox.APP_ID + "&client_secret="
				+ SharedSandbox.APP_SECRET + "&code=" + code).body().path("access_token").asString();
	}

	private JsonNode debug(String token) {
		return system.get("/debug_token?input_token=" + token).body().path("data");
	}

	private static List<String> targets(JsonNode debug, String scope) {
		return debug.path("granular_scopes").valueStream().filter(s -> s.path("scope").asString().equals(scope))
				.flatMap(s -> s.path("target_ids").valueStream()).map(JsonNode::asString).toList();
	}

	private static int status(Runnable scenarioCall) {
		try {
			scenarioCall.run();
			return 200;
		}
		catch (ScenarioClient.ScenarioException e) {
			return e.status();
		}
	}
}

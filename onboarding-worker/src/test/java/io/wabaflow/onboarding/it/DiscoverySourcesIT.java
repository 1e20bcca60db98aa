package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.command.CommandResult;
import tools.jackson.databind.JsonNode;

/**
 * Each source of WABA discovery (strategy 1) is the one that finds the WABA when the sources before it cannot: the
 * sandbox makes the session, debug_token and the user's pages say just enough for that source.
 */
class DiscoverySourcesIT extends OnboardingITSupport {

	private static final Duration FLOW = Duration.ofSeconds(30);

	private final ScenarioClient scenario = Sandbox.scenario();

	/** A tenant signing up for a business, the WABA it should get and that WABA's one cloud number. */
	private record Customer(String tenant, String business, String waba, String phone) {
	}

	/** A business owning a WABA with one cloud number. */
	private Customer customer(String prefix, String displayPhoneNumber) {
		String tenant = unique(prefix);
		String business = scenario.createBusiness("Empresa " + tenant);
		String waba = scenario.createWaba(business, false);
		return new Customer(tenant, business, waba, scenario.createCloudNumber(waba, displayPhoneNumber, false));
	}

	/** A signup code for the business whose token debug_token reports as {@code debugToken} says. */
	private String signupCode(String business, Map<String, Object> debugToken) {
		return scenario.post("/signup-codes", Map.of("businessId", business, "debugToken", debugToken)).path("code")
				.asString();
	}

	@Test
	void ownedWabasOfTheSessionsBusiness() {
		Customer customer = customer("owned", "+55 11 3100-0001");
		String commandId = unique("cmd");

		// the session names the business only
		command(startOnboarding(commandId, customer.tenant(), scenario.signupCode(customer.business()), null, null,
				customer.business(), "FINISH"));

		JsonNode found = discovered(commandId, customer, "owned_wabas");
		assertThat(found.path("details").path("business_id").asString()).isEqualTo(customer.business());
	}

	@Test
	void clientWabasSharedWithTheSessionsBusiness() {
		String tenant = unique("client");
		String agency = scenario.createBusiness("Agência " + tenant);
		String owner = scenario.createBusiness("Cliente " + tenant);
		String waba = scenario.post("/wabas", Map.of("businessId", owner, "sharedWith", agency)).path("id").asString();
		String phone = scenario.createCloudNumber(waba, "+55 11 3100-0002", false);
		String code = scenario.post("/signup-codes", Map.of("businessId", agency, "wabaIds", List.of(waba)))
				.path("code").asString();
		String commandId = unique("cmd");

		// the session names the agency's business, which owns no WABA: the one its client shared is found
		command(startOnboarding(commandId, tenant, code, null, null, agency, "FINISH"));

		JsonNode found = discovered(commandId, new Customer(tenant, agency, waba, phone), "owned_wabas",
				"client_wabas");
		assertThat(found.path("details").path("business_id").asString()).isEqualTo(agency);
	}

	@Test
	void debugTokenScopesWhenNothingNamesTheBusiness() {
		Customer customer = customer("debug", "+55 11 3100-0003");
		String code = signupCode(customer.business(), Map.of("businessManagement", false));
		String commandId = unique("cmd");

		// no business in the session, none in debug_token: the business's own lists cannot be read
		command(startOnboarding(commandId, customer.tenant(), code, null, null, null, "FINISH"));

		discovered(commandId, customer, "debug_token");
	}

	@Test
	void userPagesWhenDebugTokenNamesNeitherBusinessNorWaba() {
		Customer customer = customer("pages", "+55 11 3100-0004");
		scenario.createPage(customer.business(), "Página de " + customer.tenant());
		String code = signupCode(customer.business(), Map.of("businessManagement", false, "wabaIds", List.of()));
		String commandId = unique("cmd");

		// the user who signed up has a page of the business that owns the WABA
		command(startOnboarding(commandId, customer.tenant(), code, null, null, null, "FINISH"));

		JsonNode found = discovered(commandId, customer, "debug_token", "user_pages");
		assertThat(found.path("details").path("business_id").asString()).isEqualTo(customer.business());
		assertThat(callsOn("owned_whatsapp_business_accounts", customer.business())).as("only through the page")
				.isEqualTo(1);
		assertThat(status(customer.tenant()).path("business_id").asString()).as("the page's business is the flow's")
				.isEqualTo(customer.business());
	}

	/**
	 * The flow completes with the customer's WABA and its only number, found by the last of the discovery sources
	 * that logged a row ({@code sources}, in order; the earlier ones found nothing). Answers the finding row.
	 */
	private JsonNode discovered(String commandId, Customer customer, String... sources) {
		String tenant = customer.tenant();
		String waba = customer.waba();
		String source = sources[sources.length - 1];
		CommandResult result = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);
		JsonNode data = JSON.readTree(result.getDataJson());
		assertThat(data.path("strategy").asString()).isEqualTo(source);
		assertThat(data.path("waba_id").asString()).isEqualTo(waba);
		assertThat(data.path("phone_number_id").asString()).isEqualTo(customer.phone());

		List<JsonNode> discovery = log(tenant, "waba_discovery");
		assertThat(discovery).extracting(row -> row.path("strategy").asString()).containsExactly(sources);
		assertThat(discovery).extracting(row -> row.path("success").asBoolean()).last().isEqualTo(true);
		assertThat(discovery.subList(0, discovery.size() - 1)).noneMatch(row -> row.path("success").asBoolean());
		JsonNode found = discovery.get(discovery.size() - 1);
		assertThat(found.path("details").path("waba_id").asString()).isEqualTo(waba);
		assertThat(log(tenant, "waba_creation")).as("no creation strategy ran").isEmpty();
		assertThat(status(tenant).path("strategy_used").asString()).isEqualTo(source);
		return found;
	}
}

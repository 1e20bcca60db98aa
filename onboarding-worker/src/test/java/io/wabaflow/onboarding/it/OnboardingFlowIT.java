package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;
import io.wabaflow.schemas.onboarding.OnboardingEvent;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import tools.jackson.databind.JsonNode;

/** The Embedded Signup state machine end to end, against graph-sandbox, the real broker and PostgreSQL. */
class OnboardingFlowIT extends OnboardingITSupport {

	private static final Duration FLOW = Duration.ofSeconds(30);

	private final ScenarioClient scenario = Sandbox.scenario();

	@Autowired
	TokenCipher cipher;

	@Test
	void aFlowCompletesThroughTheSessionHints() {
		String tenant = unique("hints");
		String business = scenario.createBusiness("Padaria " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 4002-8922", false);
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));

		CommandResult result = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);
		JsonNode data = JSON.readTree(result.getDataJson());
		assertThat(result.getOutcome()).isEqualTo(CommandOutcome.OK);
		assertThat(data.path("waba_id").asString()).isEqualTo(waba);
		assertThat(data.path("phone_number_id").asString()).isEqualTo(phone);
		assertThat(data.path("number_type").asString()).isEqualTo("CLOUD");
		assertThat(data.path("strategy").asString()).isEqualTo("session_hint");
		assertThat(log(tenant)).extracting(row -> row.path("step").asString()).containsExactly("started",
				"token_exchange", "waba_discovery", "phone_selection", "phone_registration", "app_subscription",
				"completed");
		assertThat(log(tenant, "waba_discovery").get(0).path("strategy").asString()).isEqualTo("session_hint");
		assertThat(log(tenant)).allMatch(row -> !row.toString().contains("EAA"), "no token in the log");

		await().atMost(FLOW).until(() -> !watcher.registrations(phone).isEmpty());
		PhoneNumberRegistration registration = watcher.registrations(phone).get(0);
		assertThat(registration.getTenantId()).isEqualTo(tenant);
		assertThat(registration.getWabaId()).isEqualTo(waba);
		assertThat(registration.getNumberType()).isEqualTo(NumberType.CLOUD);
		assertThat(registration.getStatus()).isEqualTo(NumberStatus.ACTIVE);
		byte[] sealed = new byte[registration.getEncryptedAccessToken().remaining()];
		registration.getEncryptedAccessToken().duplicate().get(sealed);
		assertThat(cipher.decrypt(sealed, phone)).as("the business token, sealed for this number").startsWith("EAA");

		assertThat(callsOn("register", phone)).isEqualTo(1);
		assertThat(callsOn("subscribed_apps", waba)).isEqualTo(1);
		List<OnboardingEvent> events = watcher.events(tenant);
		assertThat(events).extracting(OnboardingEvent::getType).startsWith(OnboardingEventType.STARTED)
				.contains(OnboardingEventType.WABA_RESOLVED).endsWith(OnboardingEventType.COMPLETED);
		assertThat(events).hasSize(log(tenant).size());

		JsonNode status = status(tenant);
		assertThat(status.path("state").asString()).isEqualTo("completed");
		assertThat(status.path("connection_status").asString()).isEqualTo("connected");
		assertThat(get("/api/v1/tenants/" + tenant + "/onboarding", null).status()).as("no API key").isEqualTo(401);
		assertThat(get("/api/v1/tenants/" + tenant + "/onboarding/log", "wrong").status()).isEqualTo(401);
		assertThat(get("/api/v1/tenants/nobody-" + tenant + "/onboarding").status()).isEqualTo(404);
		assertThat(status.path("waba_id").asString()).isEqualTo(waba);
		assertThat(status.path("phone").path("phone_number_id").asString()).isEqualTo(phone);
		assertThat(status.path("phone").path("number_type").asString()).isEqualTo("cloud");
		assertThat(status.path("strategy_used").asString()).isEqualTo("session_hint");
		assertThat(status.path("last_successful_step").asString()).isEqualTo("app_subscription");
		assertThat(status.path("numbers").path(0).path("status").asString()).isEqualTo("active");

		// the same command delivered again does nothing twice
		int rows = log(tenant).size();
		command(startOnboarding(commandId, tenant, "another-code", waba, phone, business, "FINISH"));
		awaitConsumed(ConsumerGroups.ONBOARDING + "-commands", Topics.ONBOARDING_COMMANDS.name());
		assertThat(log(tenant)).hasSize(rows);
		assertThat(status(tenant).path("previous_flows").size()).isZero();
		assertThat(callsOn("register", phone)).isEqualTo(1);

		// so does the flow's whole work queue delivered again (every continuation it ever had, due now)
		String onboardingId = log(tenant).get(0).path("onboarding_id").asString();
		List<OnboardingContinuation> queue = watcher.records.stream().map(r -> r.value())
				.filter(OnboardingContinuation.class::isInstance).map(OnboardingContinuation.class::cast)
				.filter(c -> onboardingId.equals(c.getOnboardingId())).toList();
		assertThat(queue).as("one per version before completion").hasSize(5);
		queue.forEach(c -> send(Topics.ONBOARDING_STEPS.name(), onboardingId, OnboardingContinuation.newBuilder(c)
				.setDueAt(java.time.Instant.now()).setNotBefore(java.time.Instant.now()).build()));
		awaitConsumed(ConsumerGroups.ONBOARDING + "-steps", Topics.ONBOARDING_STEPS.name());
		assertThat(log(tenant)).hasSize(rows);
		assertThat(callsOn("register", phone)).isEqualTo(1);
		assertThat(callsOn("subscribed_apps", waba)).isEqualTo(1);
	}

	@Test
	void onlyStrategy2cSucceedsAndTheWabaAppearsOnTheFourthPoll() {
		String tenant = unique("only-2c");
		String business = scenario.createBusiness("Nova Loja " + tenant);
		scenario.wabaCreation(business, "2C", 3); // three polls still miss it: the fourth sees it
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, scenario.signupCode(business), null, null, business, "FINISH"));

		// the customer's number appears in the new WABA (Meta would show it once the signup adds it)
		await().atMost(FLOW).until(() -> log(tenant, "waba_creation").stream()
				.anyMatch(row -> row.path("success").asBoolean()));
		String waba = log(tenant, "waba_creation").stream().filter(row -> row.path("success").asBoolean()).findFirst()
				.orElseThrow().path("details").path("waba_id").asString();
		String phone = scenario.createCloudNumber(waba, "+55 21 3000-0001", false);
		CommandResult result = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);

		assertThat(JSON.readTree(result.getDataJson()).path("strategy").asString()).isEqualTo("2C");
		List<JsonNode> creation = log(tenant, "waba_creation");
		assertThat(creation).extracting(row -> row.path("strategy").asString()).containsExactly("2A", "2B", "2C");
		assertThat(creation).extracting(row -> row.path("success").asBoolean()).containsExactly(false, false, true);
		assertThat(creation).extracting(row -> row.path("error_code").asInt()).containsExactly(100, 200, 0);
		List<JsonNode> polls = log(tenant, "waba_polling");
		assertThat(polls).hasSize(4);
		assertThat(polls).extracting(row -> row.path("details").path("attempt").asInt()).containsExactly(1, 2, 3, 4);
		assertThat(polls).extracting(row -> row.path("details").path("visible").asBoolean())
				.containsExactly(false, false, false, true);
		assertThat(polls).allMatch(row -> row.path("strategy").asString().equals("2C"));
		String onboardingId = polls.get(0).path("onboarding_id").asString();
		assertThat(watcher.continuations(Topics.ONBOARDING_STEPS_DELAY_POLL.name(), onboardingId))
				.as("each poll waited on the poll delay topic").isGreaterThanOrEqualTo(4);
		assertThat(log(tenant, "phone_registration")).hasSize(1);
		assertThat(callsOn("register", phone)).isEqualTo(1);
		JsonNode status = status(tenant);
		assertThat(status.path("strategy_used").asString()).isEqualTo("2C");
		assertThat(status.path("state").asString()).isEqualTo("completed");
		assertThat(status.path("attempts").path("polls").asInt()).isEqualTo(4);
		assertThat(status.path("attempts").path("strategies_tried").valueStream().map(JsonNode::asString))
				.containsExactly("2A", "2B", "2C");
	}

	@Test
	void whenEveryStrategyFailsTheFlowAwaitsWabaCreationAndIsRetriedLater() {
		String tenant = unique("awaiting");
		String business = scenario.createBusiness("Sem Conta " + tenant);
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, scenario.signupCode(business), null, null, business,
				"FINISH_ONLY_WABA"));

		CommandResult accepted = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 202, FLOW);
		assertThat(accepted.getOutcome()).isEqualTo(CommandOutcome.OK);
		assertThat(JSON.readTree(accepted.getDataJson()).path("state").asString()).isEqualTo("awaiting_waba_creation");
		assertThat(log(tenant, "waba_creation")).extracting(row -> row.path("strategy").asString())
				.containsExactly("2A", "2B", "2C", "2D", "2E");
		assertThat(log(tenant, "waba_creation")).noneMatch(row -> row.path("success").asBoolean());
		assertThat(log(tenant, "awaiting_waba_creation")).hasSize(1);
		JsonNode waiting = status(tenant);
		assertThat(waiting.path("state").asString()).isEqualTo("awaiting_waba_creation");
		assertThat(waiting.path("connection_status").asString()).isEqualTo("awaiting_waba_creation");
		assertThat(waiting.path("attempts").path("creation_rounds").asInt()).isEqualTo(1);
		assertThat(waiting.path("next_step_at").isNull()).isFalse();
		assertThat(watcher.events(tenant)).extracting(OnboardingEvent::getType)
				.contains(OnboardingEventType.AWAITING_WABA_CREATION);

		// meanwhile the business gets the permission 2B needs; the automatic retry (1.5 s here, 5 min by default)
		// runs discovery and the strategies again
		scenario.wabaCreation(business, "2B", 1);

		CommandResult completed = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);
		assertThat(JSON.readTree(completed.getDataJson()).path("strategy").asString()).isEqualTo("2B");
		assertThat(log(tenant, "retry_waba_creation")).hasSize(1);
		assertThat(log(tenant, "waba_creation")).extracting(row -> row.path("strategy").asString())
				.containsExactly("2A", "2B", "2C", "2D", "2E", "2A", "2B");
		assertThat(log(tenant, "waba_polling")).extracting(row -> row.path("details").path("visible").asBoolean())
				.containsExactly(false, true);
		JsonNode status = status(tenant);
		assertThat(status.path("state").asString()).isEqualTo("completed");
		assertThat(status.path("connection_status").asString()).isEqualTo("connected_without_number");
		assertThat(status.path("attempts").path("creation_rounds").asInt()).isEqualTo(1);
	}

	@Test
	void aNewStartOnboardingRetriesAFlowAwaitingWabaCreationAtOnce() {
		String tenant = unique("resignup");
		String business = scenario.createBusiness("De Novo " + tenant);
		String first = unique("cmd");
		command(startOnboarding(first, tenant, scenario.signupCode(business), null, null, business, "FINISH_ONLY_WABA"));
		watcher.awaitResult(first, r -> r.getHttpStatus() == 202, FLOW);

		String waba = scenario.createWaba(business, false); // created by hand in Business Manager
		String second = unique("cmd");
		command(startOnboarding(second, tenant, scenario.signupCode(business), waba, null, business, "FINISH_ONLY_WABA"));

		CommandResult superseded = watcher.awaitResult(first, r -> r.getHttpStatus() == 409, FLOW);
		assertThat(superseded.getErrorCode()).isEqualTo("SUPERSEDED");
		CommandResult completed = watcher.awaitResult(second, r -> r.getHttpStatus() == 200, FLOW);
		assertThat(JSON.readTree(completed.getDataJson()).path("waba_id").asString()).isEqualTo(waba);
		String firstFlow = log(tenant, "started").get(0).path("onboarding_id").asString();
		// the first flow's scheduled retry comes due and finds its flow superseded: it does nothing
		await().pollDelay(Duration.ofMillis(2500)).atMost(FLOW).until(() -> true);
		assertThat(log(tenant, "retry_waba_creation")).isEmpty();
		assertThat(log(tenant).stream().filter(row -> firstFlow.equals(row.path("onboarding_id").asString())))
				.extracting(row -> row.path("step").asString()).last().isEqualTo("superseded");
		JsonNode status = status(tenant);
		assertThat(status.path("state").asString()).isEqualTo("completed");
		assertThat(status.path("previous_flows").path(0).path("state").asString()).isEqualTo("superseded");
	}

	@Test
	void ofSeveralVisibleWabasTheOneWithTheSessionsPhoneIsTakenElseTheFlowEndsAmbiguous() {
		String business = scenario.createBusiness("Duas Contas " + unique("b"));
		String first = scenario.createWaba(business, false);
		String second = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(second, "+55 41 3000-0042", false);

		// nothing names one of the two: the flow asks the caller to choose instead of taking the first
		String guessing = unique("ambiguous");
		String ambiguous = unique("cmd");
		command(startOnboarding(ambiguous, guessing, scenario.signupCode(business), null, null, business, "FINISH"));
		CommandResult refused = watcher.awaitResult(ambiguous, r -> r.getOutcome() == CommandOutcome.FAILED, FLOW);
		assertThat(refused.getHttpStatus()).isEqualTo(409);
		assertThat(refused.getErrorCode()).isEqualTo("AMBIGUOUS_WABA");
		assertThat(refused.getMessage()).contains(first).contains(second).contains("waba_id");
		assertThat(log(guessing, "waba_discovery")).as("no source claims it found one")
				.noneMatch(row -> row.path("success").asBoolean());
		assertThat(watcher.registrations(phone)).isEmpty();

		// the session named the phone: the WABA holding it is the one
		String tenant = unique("bythephone");
		String commandId = unique("cmd");
		command(startOnboarding(commandId, tenant, scenario.signupCode(business), null, phone, business, "FINISH"));
		CommandResult result = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);
		JsonNode data = JSON.readTree(result.getDataJson());
		assertThat(data.path("waba_id").asString()).isEqualTo(second);
		assertThat(data.path("phone_number_id").asString()).isEqualTo(phone);
		assertThat(log(tenant, "waba_discovery")).anySatisfy(row -> assertThat(row.path("details").path("chosen_by")
				.asString()).contains(phone));
	}

	@Test
	void aCodeThatExpiredBeforeItArrivedEndsTheFlowCodeExpired() {
		String tenant = unique("late");
		String business = scenario.createBusiness("Atrasada " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 41 3000-0043", false);
		String code = scenario.signupCode(business);
		scenario.advanceClock(Duration.ofSeconds(31)); // Meta's codes live 30 s
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, code, waba, phone, business, "FINISH"));

		CommandResult failed = watcher.awaitResult(commandId, r -> r.getOutcome() == CommandOutcome.FAILED, FLOW);
		assertThat(failed.getHttpStatus()).isEqualTo(400);
		assertThat(failed.getErrorCode()).isEqualTo("CODE_EXPIRED");
		assertThat(failed.getMessage()).contains("sign up again");
		assertThat(status(tenant).path("failure_reason").asString()).isEqualTo("CODE_EXPIRED");
	}

	@Test
	void aRejectedTokenEndsTheFlowWithItsReason() {
		String tenant = unique("token");
		String business = scenario.createBusiness("Token " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 31 3000-0002", false);
		scenario.post("/errors", Map.of("operation", "phone_numbers", "nodeId", waba, "code", 190, "times", 1));
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));

		CommandResult failed = watcher.awaitResult(commandId, r -> r.getOutcome() == CommandOutcome.FAILED, FLOW);
		assertThat(failed.getHttpStatus()).isEqualTo(401);
		assertThat(failed.getErrorCode()).isEqualTo("TOKEN_INVALID");
		assertThat(failed.getMessage()).contains("Embedded Signup again").contains("#190");
		List<JsonNode> selection = log(tenant, "phone_selection");
		assertThat(selection).hasSize(1);
		assertThat(selection.get(0).path("error_code").asInt()).isEqualTo(190);
		assertThat(log(tenant, "flow_failed").get(0).path("details").path("reason").asString()).isEqualTo("TOKEN_INVALID");
		assertThat(log(tenant, "phone_registration")).isEmpty();
		JsonNode status = status(tenant);
		assertThat(status.path("state").asString()).isEqualTo("failed");
		assertThat(status.path("connection_status").asString()).isEqualTo("failed");
		assertThat(status.path("failure_reason").asString()).isEqualTo("TOKEN_INVALID");
		assertThat(status.path("last_error").path("code").asInt()).isEqualTo(190);
		assertThat(status.path("last_successful_step").asString()).isEqualTo("waba_discovery");
		assertThat(watcher.events(tenant)).extracting(OnboardingEvent::getType).last()
				.isEqualTo(OnboardingEventType.FAILED);
		assertThat(watcher.registrations(phone)).isEmpty();
	}

	@Test
	void aMissingPermissionAndABlockedAccountEndTheFlowToo() {
		String tenant = unique("blocked");
		String business = scenario.createBusiness("Bloqueada " + tenant);
		scenario.put("/waba-creation", Map.of("businessId", business, "strategy", "NONE", "failures", Map.of("2B", 368)));
		String blocked = unique("cmd");
		command(startOnboarding(blocked, tenant, scenario.signupCode(business), null, null, business, "FINISH"));

		String otherTenant = unique("permission");
		String other = scenario.createBusiness("Sem Permissão " + otherTenant);
		String waba = scenario.createWaba(other, false);
		scenario.post("/errors", Map.of("operation", "subscribed_apps", "nodeId", waba, "code", 200, "times", 1));
		String denied = unique("cmd");
		command(startOnboarding(denied, otherTenant, scenario.signupCode(other), waba, null, other, "FINISH_ONLY_WABA"));

		CommandResult blockedResult = watcher.awaitResult(blocked, r -> r.getOutcome() == CommandOutcome.FAILED, FLOW);
		assertThat(blockedResult.getErrorCode()).isEqualTo("ACCOUNT_BLOCKED");
		assertThat(blockedResult.getHttpStatus()).isEqualTo(403);
		assertThat(log(tenant, "waba_creation")).extracting(row -> row.path("strategy").asString())
				.containsExactly("2A", "2B");
		CommandResult deniedResult = watcher.awaitResult(denied, r -> r.getOutcome() == CommandOutcome.FAILED, FLOW);
		assertThat(deniedResult.getErrorCode()).isEqualTo("PERMISSION_DENIED");
		assertThat(log(otherTenant, "app_subscription").get(0).path("error_code").asInt()).isEqualTo(200);
	}

	@Test
	void rateLimitsAndTransientErrorsAreRetriedWithBackOffThroughTheDelayTopics() {
		String tenant = unique("retry");
		String business = scenario.createBusiness("Insistente " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 41 3000-0003", false);
		scenario.post("/errors", Map.of("operation", "register", "nodeId", phone, "code", 80007, "times", 2));
		scenario.post("/errors", Map.of("operation", "subscribed_apps", "nodeId", waba, "code", 131000, "times", 1));
		scenario.post("/errors", Map.of("operation", "phone_numbers", "nodeId", waba, "code", 2494100, "times", 1));
		String commandId = unique("cmd");

		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));

		watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, FLOW);
		List<JsonNode> registration = log(tenant, "phone_registration");
		assertThat(registration).extracting(row -> row.path("success").asBoolean()).containsExactly(false, false, true);
		assertThat(registration.subList(0, 2)).extracting(row -> row.path("error_code").asInt()).containsOnly(80007);
		assertThat(registration.subList(0, 2)).extracting(row -> row.path("details").path("error_class").asString())
				.containsOnly("THROTTLED");
		assertThat(registration.subList(0, 2)).extracting(row -> row.path("details").path("retry_in_ms").asLong())
				.as("exponential").containsExactly(100L, 200L);
		assertThat(log(tenant, "app_subscription")).extracting(row -> row.path("error_code").asInt())
				.containsExactly(131000, 0);
		assertThat(log(tenant, "phone_selection")).extracting(row -> row.path("error_code").asInt())
				.containsExactly(2494100, 0);
		String onboardingId = registration.get(0).path("onboarding_id").asString();
		assertThat(watcher.continuations(Topics.ONBOARDING_STEPS_DELAY_SHORT.name(), onboardingId))
				.as("the back-offs waited on a delay topic").isPositive();
	}


}

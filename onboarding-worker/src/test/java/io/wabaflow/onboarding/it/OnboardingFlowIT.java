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
	}

	private static long callsOn(String operation, String nodeId) {
		return Sandbox.scenario().calls(operation).valueStream()
				.filter(call -> nodeId.equals(call.path("nodeId").asString())).count();
	}

}

package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.db.TenantReads;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.registry.NumberStatus;
import tools.jackson.databind.JsonNode;

/**
 * One tenant can neither read nor act on another tenant's onboarding: the status API answers another tenant's path
 * exactly like a tenant without any onboarding, commands on Kafka naming another tenant's number are rejected like
 * commands naming no number at all (and Meta is not called), a command without a tenant is rejected, a signup of
 * another tenant cannot take over an active number, and row-level security hides other tenants' flows, log rows and
 * numbers from the status API's reads even when a query forgets its filter. Keys: application-it.properties.
 */
class TenancyIT extends OnboardingITSupport {

	private static final Duration SOON = Duration.ofSeconds(30);

	/** The tenant of {@link #TENANT_B_KEY}. */
	private static final String TENANT_B = "onboarding-it-b";

	private final ScenarioClient scenario = Sandbox.scenario();

	@Autowired
	TenantReads reads;

	record Onboarded(String tenant, String business, String waba, String phone, String commandId) {
	}

	private Onboarded onboardCloud(String tenant) {
		String business = scenario.createBusiness("Inquilino " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 3000-0000", false);
		String commandId = unique("cmd");
		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));
		watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, SOON);
		return new Onboarded(tenant, business, waba, phone, commandId);
	}

	@Test
	void theStatusApiAnswersAnotherTenantsPathLikeATenantWithoutOnboarding() {
		Onboarded ofA = onboardCloud(unique("tenant-a"));
		onboardCloud(TENANT_B);
		String statusOfA = "/api/v1/tenants/" + ofA.tenant() + "/onboarding";
		String nobody = unique("tenant-nobody");

		assertThat(get(statusOfA).status()).as("operator").isEqualTo(200);
		assertThat(get("/api/v1/tenants/" + TENANT_B + "/onboarding", TENANT_B_KEY).status()).as("own tenant")
				.isEqualTo(200);
		for (String path : List.of(statusOfA, statusOfA + "/log")) {
			Answer asB = get(path, TENANT_B_KEY);
			Answer unknown = get(path.replace(ofA.tenant(), nobody), TENANT_B_KEY);
			assertThat(asB.status()).as(path).isEqualTo(404);
			assertThat(unknown.status()).isEqualTo(404);
			assertThat(asB.body().toString().replace(ofA.tenant(), "<t>"))
					.isEqualTo(unknown.body().toString().replace(nobody, "<t>"));
			assertThat(asB.body().toString()).doesNotContain(ofA.phone(), ofA.waba());
			Answer sendOnly = get(path, SEND_ONLY_KEY);
			assertThat(sendOnly.status()).isEqualTo(403);
			assertThat(sendOnly.body().toString()).contains("read");
			assertThat(get(path, null).status()).isEqualTo(401);
		}
	}

	@Test
	void commandsNamingAnotherTenantsNumberOrNoTenantAreRejectedAndMetaIsNotCalled() {
		Onboarded ofA = onboardCloud(unique("tenant-a"));
		int callsBefore = scenario.calls(null).size();
		String offboardAsB = unique("offboard");
		String syncAsB = unique("sync");
		String offboardWithoutTenant = unique("offboard");

		command(offboard(offboardAsB, TENANT_B, ofA.phone()));
		command(coexistenceSync(syncAsB, TENANT_B, ofA.phone(), CoexistenceSyncType.CONTACTS));
		command(offboard(offboardWithoutTenant, null, ofA.phone()));

		CommandResult offboard = watcher.awaitResult(offboardAsB, r -> true, SOON);
		CommandResult sync = watcher.awaitResult(syncAsB, r -> true, SOON);
		CommandResult none = watcher.awaitResult(offboardWithoutTenant, r -> true, SOON);
		for (CommandResult wrongTenant : List.of(offboard, sync)) {
			assertThat(wrongTenant.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
			assertThat(wrongTenant.getHttpStatus()).isEqualTo(404);
			assertThat(wrongTenant.getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
			assertThat(wrongTenant.getTenantId()).isEqualTo(TENANT_B);
		}
		// the very text a number never onboarded gets: nothing says the number exists
		String unknownPhone = "997" + System.nanoTime();
		String unknownCommand = unique("offboard");
		command(offboard(unknownCommand, TENANT_B, unknownPhone));
		CommandResult unknown = watcher.awaitResult(unknownCommand, r -> true, SOON);
		assertThat(offboard.getMessage().replace(ofA.phone(), "<pn>")).isEqualTo(unknown.getMessage()
				.replace(unknownPhone, "<pn>"));
		assertThat(none.getHttpStatus()).isEqualTo(400);
		assertThat(none.getErrorCode()).isEqualTo("TENANT_REQUIRED");
		assertThat(none.getTenantId()).isNull();

		assertThat(scenario.calls(null).size()).as("no Graph API call for any of them").isEqualTo(callsBefore);
		assertThat(watcher.registrations(ofA.phone())).allSatisfy(r -> {
			assertThat(r.getStatus()).isEqualTo(NumberStatus.ACTIVE);
			assertThat(r.getTenantId()).isEqualTo(ofA.tenant());
		});
		assertThat(status(ofA.tenant()).path("numbers").get(0).path("status").asString()).isEqualTo("active");
	}

	@Test
	void aSignupOfAnotherTenantCannotTakeOverAnActiveNumber() {
		Onboarded ofA = onboardCloud(unique("tenant-a"));
		long registrationsOfA = watcher.registrations(ofA.phone()).size();
		long registerCalls = registerCalls(ofA.phone());
		String tenantC = unique("tenant-c");
		String takeOver = unique("cmd");

		command(startOnboarding(takeOver, tenantC, scenario.signupCode(ofA.business()), ofA.waba(), ofA.phone(),
				ofA.business(), "FINISH"));

		CommandResult refused = watcher.awaitResult(takeOver, r -> r.getOutcome() != CommandOutcome.OK
				&& r.getHttpStatus() != 202, SOON);
		assertThat(refused.getErrorCode()).isEqualTo("NUMBER_OWNED_BY_ANOTHER_TENANT");
		assertThat(refused.getHttpStatus()).isEqualTo(409);
		assertThat(refused.getMessage()).doesNotContain(ofA.tenant());
		assertThat(registerCalls(ofA.phone())).as("register is not called for the other tenant").isEqualTo(registerCalls);
		assertThat(watcher.registrations(ofA.phone())).hasSize((int) registrationsOfA)
				.allSatisfy(r -> assertThat(r.getTenantId()).isEqualTo(ofA.tenant()));
		JsonNode statusOfC = get("/api/v1/tenants/" + tenantC + "/onboarding").body();
		assertThat(statusOfC.path("state").asString()).isEqualTo("failed");
		assertThat(statusOfC.toString()).doesNotContain(ofA.tenant());
		assertThat(status(ofA.tenant()).path("numbers").get(0).path("status").asString()).isEqualTo("active");
	}

	@Test
	void underATenantsSettingUnfilteredSelectsReturnNoneOfAnotherTenantsRows() {
		Onboarded ofA = onboardCloud(unique("tenant-a"));
		Onboarded ofB = onboardCloud(unique("tenant-b"));
		Principal a = new Principal("rls-it-a", ofA.tenant(), Set.of(Scope.READ));
		Principal operator = new Principal("rls-it-ops", null, Set.of(Scope.READ, Scope.ADMIN));

		for (String table : List.of("flows", "integration_log", "phone_numbers")) {
			// deliberately no WHERE: the forgotten tenant filter row-level security is there for
			List<String> seenByA = reads.read(a, handle -> handle.createQuery("SELECT DISTINCT tenant_id FROM " + table)
					.mapTo(String.class).list());
			assertThat(seenByA).as(table).containsExactly(ofA.tenant());
			List<String> seenByOperator = reads.read(operator, handle -> handle
					.createQuery("SELECT DISTINCT tenant_id FROM " + table).mapTo(String.class).list());
			assertThat(seenByOperator).as(table).contains(ofA.tenant(), ofB.tenant());
		}
		// the worker's own user still sees and writes every tenant's rows
		long tenantsOfTheWorker = jdbi.withHandle(handle -> handle
				.createQuery("SELECT count(DISTINCT tenant_id) FROM flows").mapTo(Long.class).one());
		assertThat(tenantsOfTheWorker).isGreaterThanOrEqualTo(2);
		assertThatThrownBy(() -> reads.read(a, handle -> handle.execute("DELETE FROM flows")))
				.hasMessageContaining("read-only");
		await().atMost(SOON).until(() -> status(ofB.tenant()).path("state").asString().equals("completed"));
	}

	private static OnboardingCommand offboard(String commandId, String tenant, String phone) {
		return OnboardingCommand.newBuilder().setCommandId(commandId).setTenantId(tenant).setIssuedAt(Instant.now())
				.setPayload(Offboard.newBuilder().setPhoneNumberId(phone).setReason("not yours").build()).build();
	}

	private static long registerCalls(String phone) {
		return Sandbox.scenario().calls("register").valueStream()
				.filter(call -> phone.equals(call.path("nodeId").asString())).count();
	}
}

package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphModel.SmbSyncType;
import io.wabaflow.metagraph.client.GraphSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingEvent;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.webhook.WebhookChange;
import tools.jackson.databind.JsonNode;

/**
 * Coexistence numbers (seed 000, facts 3.5/3.6): onboarded without registration, their contacts and history
 * requested once each within 24 h, every refusal an outcome; and the registry that account_update webhooks and
 * Offboard change.
 */
class CoexistenceAndRegistryIT extends OnboardingITSupport {

	private static final Duration SOON = Duration.ofSeconds(30);

	private final ScenarioClient scenario = Sandbox.scenario();

	record Onboarded(String tenant, String business, String waba, String phone, String display) {
	}

	@Test
	void aCoexistenceNumberIsOnboardedWithoutRegistration() {
		Onboarded number = onboardCoexistence();

		await().atMost(SOON).until(() -> !watcher.registrations(number.phone()).isEmpty());
		PhoneNumberRegistration registration = watcher.registrations(number.phone()).get(0);
		assertThat(registration.getNumberType()).isEqualTo(NumberType.COEXISTENCE);
		assertThat(registration.getThroughputMps()).isEqualTo(20);
		assertThat(registration.getStatus()).isEqualTo(NumberStatus.ACTIVE);
		assertThat(calls("register", number.phone())).isZero();
		assertThat(log(number.tenant(), "phone_registration").get(0).path("details").path("skipped").asString())
				.contains("coexistence");
		assertThat(status(number.tenant()).path("phone").path("number_type").asString()).isEqualTo("coexistence");
	}

	@Test
	void eachSyncIsRequestedOnceAndItsRequestIdKept() {
		Onboarded number = onboardCoexistence();
		String contacts = unique("sync");
		String history = unique("sync");

		command(coexistenceSync(contacts, number.tenant(), number.phone(), CoexistenceSyncType.CONTACTS));
		command(coexistenceSync(history, number.tenant(), number.phone(), CoexistenceSyncType.HISTORY));

		CommandResult contactsOk = watcher.awaitResult(contacts, r -> true, SOON);
		CommandResult historyOk = watcher.awaitResult(history, r -> true, SOON);
		assertThat(contactsOk.getOutcome()).isEqualTo(CommandOutcome.OK);
		assertThat(contactsOk.getHttpStatus()).isEqualTo(200);
		String requestId = JSON.readTree(contactsOk.getDataJson()).path("request_id").asString();
		assertThat(requestId).isNotBlank();
		assertThat(JSON.readTree(historyOk.getDataJson()).path("request_id").asString()).isNotBlank()
				.isNotEqualTo(requestId);
		String stored = jdbi.withHandle(handle -> handle.createQuery("""
				SELECT request_id FROM coexistence_sync_requests WHERE phone_number_id = :phone AND sync_type = 'CONTACTS'
				""").bind("phone", number.phone()).mapTo(String.class).one());
		assertThat(stored).isEqualTo(requestId);
		assertThat(watcher.events(number.tenant())).extracting(OnboardingEvent::getType)
				.filteredOn(type -> type == OnboardingEventType.COEXISTENCE_SYNC_REQUESTED).hasSize(2);

		String again = unique("sync");
		command(coexistenceSync(again, number.tenant(), number.phone(), CoexistenceSyncType.CONTACTS));
		CommandResult conflict = watcher.awaitResult(again, r -> true, SOON);
		assertThat(conflict.getHttpStatus()).isEqualTo(409);
		assertThat(conflict.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(conflict.getErrorCode()).isEqualTo("ALREADY_REQUESTED");
		assertThat(conflict.getMessage()).contains(requestId);

		// the first command delivered again: the same answer, Meta not called again
		command(coexistenceSync(contacts, number.tenant(), number.phone(), CoexistenceSyncType.CONTACTS));
		await().atMost(SOON).until(() -> watcher.results(contacts).size() == 2);
		assertThat(watcher.results(contacts).get(1).getDataJson()).isEqualTo(contactsOk.getDataJson());
		assertThat(calls("smb_app_data", number.phone())).isEqualTo(2);
	}

	@Test
	void anUnknownNumberIs404AndACloudNumberIs400() {
		String unknown = unique("sync");
		command(coexistenceSync(unknown, "tenant-nobody", "999" + System.nanoTime(), CoexistenceSyncType.CONTACTS));
		CommandResult notFound = watcher.awaitResult(unknown, r -> true, SOON);
		assertThat(notFound.getHttpStatus()).isEqualTo(404);
		assertThat(notFound.getErrorCode()).isEqualTo("UNKNOWN_NUMBER");

		Onboarded cloud = onboardCloud();
		String notCoexistence = unique("sync");
		command(coexistenceSync(notCoexistence, cloud.tenant(), cloud.phone(), CoexistenceSyncType.HISTORY));
		CommandResult badRequest = watcher.awaitResult(notCoexistence, r -> true, SOON);
		assertThat(badRequest.getHttpStatus()).isEqualTo(400);
		assertThat(badRequest.getErrorCode()).isEqualTo("NOT_COEXISTENCE");
		assertThat(calls("smb_app_data", cloud.phone())).isZero();
	}

	@Test
	void moreThanTwentyFourHoursAfterOnboardingIs410WithoutAskingMeta() {
		Onboarded number = onboardCoexistence();
		clock.advance(Duration.ofHours(24).plusMinutes(1));
		String late = unique("sync");

		command(coexistenceSync(late, number.tenant(), number.phone(), CoexistenceSyncType.HISTORY));

		CommandResult gone = watcher.awaitResult(late, r -> true, SOON);
		assertThat(gone.getHttpStatus()).isEqualTo(410);
		assertThat(gone.getErrorCode()).isEqualTo("SYNC_WINDOW_EXPIRED");
		assertThat(calls("smb_app_data", number.phone())).isZero();
	}

	@Test
	void metasRefusals2593107And2593108Are409And410() throws Exception {
		Onboarded requestedElsewhere = onboardCoexistence();
		GraphClient graph = GraphClient.create(new GraphSettings(URI.create(Sandbox.get().baseUrl()),
				Sandbox.get().settings().graphVersion(), Sandbox.APP_ID, Sandbox.APP_SECRET, Duration.ofSeconds(5)));
		graph.requestSmbAppData(requestedElsewhere.phone(), SmbSyncType.HISTORY,
				scenario.businessToken(requestedElsewhere.business())).get(10, TimeUnit.SECONDS);
		Onboarded lateAtMeta = onboardCoexistence();
		scenario.patch("/phone-numbers/" + lateAtMeta.phone(), Map.of("onboardedHoursAgo", 25));
		String twice = unique("sync");
		String tooLate = unique("sync");

		command(coexistenceSync(twice, requestedElsewhere.tenant(), requestedElsewhere.phone(), CoexistenceSyncType.HISTORY));
		command(coexistenceSync(tooLate, lateAtMeta.tenant(), lateAtMeta.phone(), CoexistenceSyncType.CONTACTS));

		CommandResult conflict = watcher.awaitResult(twice, r -> true, SOON);
		assertThat(conflict.getHttpStatus()).isEqualTo(409);
		assertThat(conflict.getErrorCode()).isEqualTo("ALREADY_REQUESTED");
		assertThat(conflict.getMessage()).contains("2593107");
		CommandResult gone = watcher.awaitResult(tooLate, r -> true, SOON);
		assertThat(gone.getHttpStatus()).isEqualTo(410);
		assertThat(gone.getErrorCode()).isEqualTo("SYNC_WINDOW_EXPIRED");
		assertThat(gone.getMessage()).contains("2593108");
		List<JsonNode> rows = log(lateAtMeta.tenant(), "coexistence_sync");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).path("error_code").asInt()).isEqualTo(2593108);
	}

	@Test
	void accountUpdatesChangeTheRegistryOnceAndNeverBackwards() {
		Onboarded number = onboardCoexistence();
		await().atMost(SOON).until(() -> watcher.registrations(number.phone()).size() == 1);
		long now = Instant.now().getEpochSecond();
		String display = number.display();

		WebhookChange removed = accountUpdate(number.waba(), now + 10, """
				{"event":"PARTNER_REMOVED","phone_number":"%s","waba_info":{"waba_id":"%s","owner_business_id":"%s"},
				 "disconnection_info":{"reason":"ACCOUNT_DISCONNECTED","initiated_by":"USER"}}"""
				.formatted(display, number.waba(), number.business()));
		webhook(removed);
		webhook(removed); // Meta redelivers
		await().atMost(SOON).until(() -> watcher.registrations(number.phone()).size() == 2);
		assertThat(watcher.registrations(number.phone()).get(1).getStatus()).isEqualTo(NumberStatus.DISCONNECTED);

		String refused = unique("sync");
		command(coexistenceSync(refused, number.tenant(), number.phone(), CoexistenceSyncType.CONTACTS));
		assertThat(watcher.awaitResult(refused, r -> true, SOON).getErrorCode()).isEqualTo("NUMBER_NOT_ACTIVE");

		webhook(accountUpdate(number.waba(), now + 20, "{\"event\":\"ACCOUNT_RECONNECTED\"}"));
		await().atMost(SOON).until(() -> watcher.registrations(number.phone()).size() == 3);
		assertThat(watcher.registrations(number.phone()).get(2).getStatus()).isEqualTo(NumberStatus.ACTIVE);

		webhook(accountUpdate(number.waba(), now + 15, "{\"event\":\"ACCOUNT_OFFBOARDED\"}")); // older: ignored
		webhook(accountUpdate(number.waba(), now + 30, "{\"event\":\"ACCOUNT_OFFBOARDED\"}"));
		await().atMost(SOON).until(() -> watcher.registrations(number.phone()).size() == 4);
		awaitConsumed(ConsumerGroups.ONBOARDING + "-webhooks", Topics.WEBHOOKS.name());
		assertThat(watcher.registrations(number.phone())).extracting(PhoneNumberRegistration::getStatus).containsExactly(
				NumberStatus.ACTIVE, NumberStatus.DISCONNECTED, NumberStatus.ACTIVE, NumberStatus.OFFBOARDED);
		JsonNode status = status(number.tenant());
		assertThat(status.path("connection_status").asString()).isEqualTo("offboarded");
		assertThat(status.path("numbers").path(0).path("status_reason").asString()).isEqualTo("ACCOUNT_OFFBOARDED");
		assertThat(log(number.tenant(), "account_update")).extracting(row -> row.path("details").path("event").asString())
				.containsExactly("PARTNER_REMOVED", "ACCOUNT_RECONNECTED", "ACCOUNT_OFFBOARDED", "ACCOUNT_OFFBOARDED");
		assertThat(log(number.tenant(), "account_update")).extracting(row -> row.path("details").path("applied")
				.asBoolean()).containsExactly(true, true, false, true);
	}

	@Test
	void offboardTakesANumberOutOfTheActiveRegistry() {
		Onboarded number = onboardCloud();
		String offboard = unique("offboard");
		String unknown = unique("offboard");

		command(offboard(offboard, number.tenant(), number.phone()));
		command(offboard(unknown, "tenant-nobody", "998" + System.nanoTime()));

		assertThat(watcher.awaitResult(offboard, r -> true, SOON).getHttpStatus()).isEqualTo(200);
		assertThat(watcher.awaitResult(unknown, r -> true, SOON).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		await().atMost(SOON).until(() -> watcher.registrations(number.phone()).stream()
				.anyMatch(r -> r.getStatus() == NumberStatus.OFFBOARDED));

		// Meta is told: the cloud number deregistered, the app's subscription to the WABA removed, both logged
		await().atMost(SOON).until(() -> log(number.tenant(), "unsubscribe_app").size() == 1);
		assertThat(callsOn("deregister", number.phone())).isEqualTo(1);
		assertThat(Sandbox.scenario().calls("subscribed_apps").valueStream()
				.filter(call -> number.waba().equals(call.path("nodeId").asString())
						&& "DELETE".equals(call.path("method").asString())).count()).isEqualTo(1);
		assertThat(log(number.tenant(), "deregister")).singleElement()
				.satisfies(row -> assertThat(row.path("success").asBoolean()).isTrue());
		assertThat(log(number.tenant(), "unsubscribe_app").get(0).path("success").asBoolean()).isTrue();
	}

	@Test
	void offboardingACoexistenceNumberDoesNotDeregisterIt() {
		Onboarded number = onboardCoexistence();
		String offboard = unique("offboard");
		command(offboard(offboard, number.tenant(), number.phone()));
		assertThat(watcher.awaitResult(offboard, r -> true, SOON).getHttpStatus()).isEqualTo(200);
		await().atMost(SOON).until(() -> log(number.tenant(), "unsubscribe_app").size() == 1);
		assertThat(callsOn("deregister", number.phone())).as("disconnected in the Business app, not deregistered")
				.isZero();
		assertThat(log(number.tenant(), "deregister")).isEmpty();
	}

	@Test
	void aThroughputUpgradeRaisesTheRegisteredRateOnceAndNeverForACoexistenceNumber() {
		Onboarded cloud = onboardCloud();
		Onboarded coexistence = onboardCoexistence();
		await().atMost(SOON).until(() -> !watcher.registrations(cloud.phone()).isEmpty()
				&& !watcher.registrations(coexistence.phone()).isEmpty());
		assertThat(watcher.registrations(cloud.phone()).get(0).getThroughputMps())
				.as("Meta's STANDARD tier, read at registration").isEqualTo(80);
		long now = Instant.now().getEpochSecond();
		WebhookChange upgrade = qualityUpdate(cloud.waba(), now, cloud.display());

		webhook(upgrade);
		webhook(upgrade); // Meta redelivers
		webhook(qualityUpdate(coexistence.waba(), now, coexistence.display()));

		await().atMost(SOON).until(() -> watcher.registrations(cloud.phone()).size() == 2);
		PhoneNumberRegistration upgraded = watcher.registrations(cloud.phone()).get(1);
		assertThat(upgraded.getThroughputMps()).isEqualTo(1_000);
		assertThat(upgraded.getStatus()).isEqualTo(NumberStatus.ACTIVE);
		assertThat(log(cloud.tenant(), "throughput_update")).hasSize(1)
				.allSatisfy(row -> assertThat(row.path("details").path("applied").asBoolean()).isTrue());
		awaitConsumed(ConsumerGroups.ONBOARDING + "-webhooks", Topics.WEBHOOKS.name());
		assertThat(watcher.registrations(cloud.phone())).hasSize(2);
		assertThat(watcher.registrations(coexistence.phone())).as("coexistence numbers stay at 20/s")
				.allSatisfy(r -> assertThat(r.getThroughputMps()).isEqualTo(20));
	}

	@Test
	void aNumberMetaAlreadyUpgradedIsRegisteredAtItsTierWithoutConfiguration() {
		String tenant = unique("tier");
		String business = scenario.createBusiness("Alto Volume " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 2000-1000", false);
		scenario.patch("/phone-numbers/" + phone, Map.of("throughputMps", 1_000));
		String commandId = unique("cmd");
		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));
		watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, SOON);

		await().atMost(SOON).until(() -> !watcher.registrations(phone).isEmpty());
		assertThat(watcher.registrations(phone).get(0).getThroughputMps()).as("HIGH: 1,000 messages/s").isEqualTo(1_000);
		assertThat(log(tenant, "completed").get(0).path("details").path("throughput_mps").asInt()).isEqualTo(1_000);
	}

	@Test
	void messagingLimitsFromCapabilityAndQualityUpdatesReachTheRegistryNewestFirst() {
		Onboarded cloud = onboardCloud();
		await().atMost(SOON).until(() -> !watcher.registrations(cloud.phone()).isEmpty());
		assertThat(watcher.registrations(cloud.phone()).get(0).getMessagingLimit()).as("unknown until Meta says").isNull();
		long now = Instant.now().getEpochSecond();

		webhook(capabilityUpdate(cloud.waba(), now, 2_000));
		await().atMost(SOON).until(() -> watcher.registrations(cloud.phone()).size() == 2);
		assertThat(watcher.registrations(cloud.phone()).get(1).getMessagingLimit()).isEqualTo(2_000);

		// a later tier raises it; an older capability update (late, or replayed) changes nothing
		webhook(tierUpdate(cloud.waba(), now + 60, cloud.display(), "TIER_10K"));
		webhook(capabilityUpdate(cloud.waba(), now - 60, 250));
		await().atMost(SOON).until(() -> watcher.registrations(cloud.phone()).size() == 3);
		assertThat(watcher.registrations(cloud.phone()).get(2).getMessagingLimit()).isEqualTo(10_000);
		assertThat(watcher.registrations(cloud.phone()).get(2).getThroughputMps())
				.as("a messaging tier is not a throughput: still the STANDARD 80/s read at registration").isEqualTo(80);
		awaitConsumed(ConsumerGroups.ONBOARDING + "-webhooks", Topics.WEBHOOKS.name());
		assertThat(watcher.registrations(cloud.phone())).hasSize(3);
		assertThat(log(cloud.tenant(), "messaging_limit_update")).hasSize(3)
				.extracting(row -> row.path("details").path("applied").asBoolean()).containsExactlyInAnyOrder(true, true, false);

		// unlimited
		webhook(tierUpdate(cloud.waba(), now + 120, cloud.display(), "TIER_UNLIMITED"));
		await().atMost(SOON).until(() -> watcher.registrations(cloud.phone()).size() == 4);
		assertThat(watcher.registrations(cloud.phone()).get(3).getMessagingLimit()).isNull();
	}

	private static WebhookChange capabilityUpdate(String waba, long entryTime, int conversations) {
		return WebhookChange.newBuilder().setEventId("cap-" + UUID.randomUUID()).setWabaId(waba)
				.setField("business_capability_update").setValueJson("""
						{"max_daily_conversations_per_business":%d,"max_phone_numbers_per_waba":25}"""
						.formatted(conversations)).setEntryTime(entryTime).setReceivedAt(Instant.now()).build();
	}

	private static WebhookChange tierUpdate(String waba, long entryTime, String display, String tier) {
		return WebhookChange.newBuilder().setEventId("tier-" + UUID.randomUUID()).setWabaId(waba)
				.setField("phone_number_quality_update").setValueJson("""
						{"display_phone_number":"%s","event":"UPGRADE","current_limit":"%s","old_limit":"TIER_2K"}"""
						.formatted(display.replaceAll("\\D", ""), tier)).setEntryTime(entryTime)
				.setReceivedAt(Instant.now()).build();
	}

	private static WebhookChange qualityUpdate(String waba, long entryTime, String display) {
		return WebhookChange.newBuilder().setEventId("qu-" + UUID.randomUUID()).setWabaId(waba)
				.setField("phone_number_quality_update").setValueJson("""
						{"display_phone_number":"%s","event":"THROUGHPUT_UPGRADE","current_limit":"TIER_UNLIMITED"}"""
						.formatted(display.replaceAll("\\D", ""))).setEntryTime(entryTime).setReceivedAt(Instant.now())
				.build();
	}

	private Onboarded onboardCoexistence() {
		String tenant = unique("coex");
		String business = scenario.createBusiness("Loja do App " + tenant);
		String waba = scenario.createWaba(business, false);
		String display = String.format("+55 11 9%04d-%04d", (int) (Math.random() * 10_000), (int) (Math.random() * 10_000));
		String phone = scenario.createCoexistenceNumber(waba, display);
		String commandId = unique("cmd");
		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, null, null,
				"FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"));
		CommandResult done = watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, SOON);
		assertThat(JSON.readTree(done.getDataJson()).path("number_type").asString()).isEqualTo("COEXISTENCE");
		return new Onboarded(tenant, business, waba, phone, display);
	}

	private Onboarded onboardCloud() {
		String tenant = unique("cloud");
		String business = scenario.createBusiness("Nuvem " + tenant);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 2000-0000", false);
		String commandId = unique("cmd");
		command(startOnboarding(commandId, tenant, scenario.signupCode(business), waba, phone, business, "FINISH"));
		watcher.awaitResult(commandId, r -> r.getHttpStatus() == 200, SOON);
		return new Onboarded(tenant, business, waba, phone, "+55 11 2000-0000");
	}

	private static OnboardingCommand offboard(String commandId, String tenant, String phone) {
		return OnboardingCommand.newBuilder().setCommandId(commandId).setTenantId(tenant).setIssuedAt(Instant.now())
				.setPayload(Offboard.newBuilder().setPhoneNumberId(phone).setReason("customer left").build()).build();
	}

	private static WebhookChange accountUpdate(String waba, long entryTime, String valueJson) {
		return WebhookChange.newBuilder().setEventId("au-" + UUID.randomUUID()).setWabaId(waba).setField("account_update")
				.setValueJson(valueJson.replaceAll("\\s*\\n\\s*", "")).setEntryTime(entryTime).setReceivedAt(Instant.now())
				.build();
	}

	private static void webhook(WebhookChange change) {
		send(Topics.WEBHOOKS.name(), change.getWabaId(), change);
	}

	private static long calls(String operation, String nodeId) {
		return Sandbox.scenario().calls(operation).valueStream()
				.filter(call -> nodeId.equals(call.path("nodeId").asString())).count();
	}
}

package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMB App Data API's rules [§3.6]: once per sync type, within 24 h of onboarding, coexistence numbers only. */
class CoexistenceSyncIT {

	private final ScenarioClient scenario = SharedSandbox.scenario();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void eachSyncTypeCanBeRequestedOnce() {
		TestWorld world = TestWorld.coexistence(Map.of());

		assertThat(sync(world, "smb_app_state_sync").status()).isEqualTo(200);
		assertThat(sync(world, "history").status()).isEqualTo(200);
		Graph.Response again = sync(world, "history");

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.errorCode()).isEqualTo(2593107);
		assertThat(sync(world, "smb_app_state_sync").errorCode()).isEqualTo(2593107);
	}

	@Test
	void syncIsOnlyPossibleWithinTwentyFourHoursOfOnboarding() {
		TestWorld world = TestWorld.coexistence(Map.of());
		scenario.advanceClock(Duration.ofHours(24).plusMinutes(1));

		Graph.Response late = sync(world, "history");

		assertThat(late.errorCode()).isEqualTo(2593108);
		assertThat(late.body().path("error").path("error_data").path("details").asString()).contains("24 hours");
	}

	@Test
	void aSignupRestartsTheTwentyFourHours() {
		TestWorld world = TestWorld.coexistence(Map.of("onboardedHoursAgo", 30));
		assertThat(sync(world, "smb_app_state_sync").errorCode()).isEqualTo(2593108);

		scenario.signupCode(world.businessId());

		assertThat(sync(world, "smb_app_state_sync").status()).isEqualTo(200);
	}

	@Test
	void onlyCoexistenceNumbersAndKnownSyncTypesAreAccepted() {
		TestWorld cloud = TestWorld.cloud();
		TestWorld coexistence = TestWorld.coexistence(Map.of());

		assertThat(sync(cloud, "history").errorCode()).isEqualTo(100);
		assertThat(sync(coexistence, "everything").errorCode()).isEqualTo(100);
		assertThat(coexistence.graph().post("/" + coexistence.phoneNumberId() + "/smb_app_data",
				Map.of("sync_type", "history")).errorCode()).isEqualTo(100);
	}

	@Test
	void aReplyFromTheBusinessAppArrivesAsAnEchoAndOpensNoWindow() {
		TestWorld world = TestWorld.coexistence(Map.of());

		String wamid = scenario.post("/echoes", Map.of("phoneNumberId", world.phoneNumberId(), "to", "+55 11 91111-1111",
				"text", "respondi pelo app")).path("wamid").asString();

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
				.until(() -> !SharedSandbox.recorder().accepted("smb_message_echoes").isEmpty());
		var echo = SharedSandbox.recorder().accepted("smb_message_echoes").get(0).value().path("message_echoes").path(0);
		assertThat(echo.path("from").asString()).isEqualTo(world.displayDigits());
		assertThat(echo.path("to").asString()).isEqualTo("+55 11 91111-1111");
		assertThat(echo.path("id").asString()).isEqualTo(wamid);
		assertThat(echo.path("text").path("body").asString()).isEqualTo("respondi pelo app");

		String sent = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of("messaging_product",
				"whatsapp", "to", "5511911111111", "type", "text", "text", Map.of("body", "pela API"))).body()
				.path("messages").path(0).path("id").asString();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> SharedSandbox.recorder()
				.accepted("messages").stream().anyMatch(r -> r.value().path("statuses").path(0).path("id").asString()
						.equals(sent) && r.value().path("statuses").path(0).path("status").asString().equals("failed")));
	}

	@Test
	void theSameSeedBuildsTheSameWorld() {
		scenario.reset(7);
		String first = scenario.createBusiness("A");
		scenario.reset(7);
		String again = scenario.createBusiness("A");
		scenario.reset(8);
		String other = scenario.createBusiness("A");

		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
	}

	private static Graph.Response sync(TestWorld world, String type) {
		return world.graph().post("/" + world.phoneNumberId() + "/smb_app_data",
				Map.of("messaging_product", "whatsapp", "sync_type", type));
	}
}

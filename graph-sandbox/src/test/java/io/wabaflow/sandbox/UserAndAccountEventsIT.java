package io.wabaflow.sandbox;

import static io.wabaflow.sandbox.GraphSandboxIT.assertSignedAndEscaped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.JsonNode;

/**
 * The 2026 webhooks as typed scenario calls: user_preferences, calls, business_capability_update and
 * phone_number_quality_update, each delivered signed in the shape of Meta's examples (peer-webhooks 059, 061, 067,
 * 068, 079, 081); and edits and revokes, which /sandbox/inbound passes through as given (032, 033).
 */
class UserAndAccountEventsIT {

	private static final String USER = "5511987654321";
	private static final String USERNAME_USER = "5511955554444";

	private final ScenarioClient scenario = SharedSandbox.scenario();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void aUsernameUserWhoStopsMarketingIsNamedByBsuidOnly() {
		TestWorld world = TestWorld.cloud();

		JsonNode answer = scenario.post("/users/preferences", Map.of("phoneNumberId", world.phoneNumberId(), "from",
				USERNAME_USER, "username", "padaria.fan", "phoneHidden", true, "value", "stop"));

		WebhookRecorder.Received received = awaitOne("user_preferences");
		assertSignedAndEscaped(received);
		assertThat(received.payload().path("entry").path(0).path("id").asString()).isEqualTo(world.wabaId());
		JsonNode value = received.value();
		assertThat(value.path("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(value.path("metadata").path("display_phone_number").asString()).isEqualTo(world.displayDigits());
		assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(world.phoneNumberId());
		String userId = answer.path("userId").asString();
		assertThat(userId).matches("[A-Z]{2}\\.[0-9]{20}");
		assertThat(answer.path("deliveryIds").size()).isEqualTo(1);
		JsonNode contact = value.path("contacts").path(0);
		assertThat(contact.has("wa_id")).as("the phone stays out").isFalse();
		assertThat(contact.path("user_id").asString()).isEqualTo(userId);
		assertThat(contact.path("profile").path("name").isString()).isTrue();
		assertThat(contact.path("profile").path("username").asString()).isEqualTo("padaria.fan");
		JsonNode preference = value.path("user_preferences").path(0);
		assertThat(preference.has("wa_id")).isFalse();
		assertThat(preference.path("user_id").asString()).isEqualTo(userId);
		assertThat(preference.path("detail").asString()).isEqualTo("User requested to stop marketing messages");
		assertThat(preference.path("category").asString()).isEqualTo("marketing_messages");
		assertThat(preference.path("value").asString()).isEqualTo("stop");
		assertThat(preference.path("timestamp").isNumber()).as("a JSON number, as in Meta's examples").isTrue();
		assertThat(preference.path("timestamp").asLong()).isGreaterThan(1_700_000_000L);
		assertThat(received.body()).doesNotContain(USERNAME_USER);
	}

	@Test
	void resumeAndSignupCarryThePhoneAndMetasDetails() {
		TestWorld world = TestWorld.cloud();

		scenario.post("/users/preferences", Map.of("phoneNumberId", world.phoneNumberId(), "from", "+55 11 98765-4321",
				"value", "RESUME"));
		JsonNode signup = scenario.post("/users/preferences", Map.of("phoneNumberId", world.phoneNumberId(), "from",
				USER, "value", "signup", "category", "marketing_messages"));

		var received = SharedSandbox.awaitWebhooks("user_preferences", 2);
		JsonNode resume = received.get(0).value();
		assertThat(resume.path("contacts").path(0).path("wa_id").asString()).isEqualTo(USER);
		JsonNode resumed = resume.path("user_preferences").path(0);
		assertThat(resumed.path("wa_id").asString()).isEqualTo(USER);
		assertThat(resumed.path("value").asString()).isEqualTo("resume");
		assertThat(resumed.path("detail").asString()).isEqualTo("User requested to resume marketing messages");
		assertThat(resumed.has("signup_id")).isFalse();
		JsonNode signedUp = received.get(1).value().path("user_preferences").path(0);
		assertThat(signedUp.path("value").asString()).isEqualTo("signup");
		assertThat(signedUp.path("detail").asString()).isEqualTo("User signed up via signup link");
		assertThat(signedUp.path("signup_id").asString()).isEqualTo(signup.path("signupId").asString())
				.matches("[0-9]{17}");
		assertThat(signedUp.path("user_id").asString()).isEqualTo(signup.path("userId").asString());
	}

	@Test
	void aUserCallConnectsOpensTheWindowAndTerminatesWithItsDuration() {
		TestWorld world = TestWorld.cloud();
		scenario.put("/messaging-rules", Map.of("windowViolationSync", true));

		JsonNode connect = scenario.post("/calls", Map.of("phoneNumberId", world.phoneNumberId(), "from", USER,
				"event", "connect"));
		String callId = connect.path("callId").asString();
		assertThat(callId).startsWith("wacid.");

		WebhookRecorder.Received connected = awaitOne("calls");
		assertSignedAndEscaped(connected);
		JsonNode value = connected.value();
		assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(world.phoneNumberId());
		JsonNode contact = value.path("contacts").path(0);
		assertThat(contact.path("wa_id").asString()).isEqualTo(USER);
		assertThat(contact.path("user_id").asString()).isEqualTo(connect.path("userId").asString());
		assertThat(contact.path("profile").path("name").isString()).isTrue();
		JsonNode call = value.path("calls").path(0);
		assertThat(call.path("id").asString()).isEqualTo(callId);
		assertThat(call.path("from").asString()).isEqualTo(USER);
		assertThat(call.path("to").asString()).isEqualTo(world.displayDigits());
		assertThat(call.path("event").asString()).isEqualTo("connect");
		assertThat(call.path("timestamp").isString()).isTrue();
		assertThat(call.path("direction").asString()).isEqualTo("USER_INITIATED");
		assertThat(call.path("session").path("sdp_type").asString()).isEqualTo("offer");
		assertThat(call.path("session").path("sdp").asString()).startsWith("v=0");

		Graph.Response reply = world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of(
				"messaging_product", "whatsapp", "to", USER, "type", "text", "text", Map.of("body", "Ligamos já!")));
		assertThat(reply.status()).as("a call opens the service window: " + reply.body()).isEqualTo(200);

		scenario.advanceClock(Duration.ofSeconds(90));
		scenario.post("/calls", Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "event", "terminate",
				"callId", callId));
		scenario.post("/calls", Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "event", "terminate",
				"status", "FAILED", "durationSeconds", 7));

		var calls = SharedSandbox.awaitWebhooks("calls", 3);
		JsonNode ended = calls.get(1).value().path("calls").path(0);
		assertThat(ended.path("id").asString()).isEqualTo(callId);
		assertThat(ended.path("event").asString()).isEqualTo("terminate");
		assertThat(ended.path("direction").asString()).isEqualTo("USER_INITIATED");
		assertThat(ended.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(ended.path("start_time").asString()).isEqualTo(call.path("timestamp").asString());
		assertThat(ended.path("timestamp").asString()).isEqualTo(ended.path("end_time").asString());
		assertThat(ended.path("duration").isInt()).isTrue();
		assertThat(ended.path("duration").asInt()).as("the clock moved 90 s, and real time a little")
				.isEqualTo(Integer.parseInt(ended.path("end_time").asString())
						- Integer.parseInt(ended.path("start_time").asString()))
				.isBetween(90, 92);
		JsonNode failed = calls.get(2).value().path("calls").path(0);
		assertThat(failed.path("id").asString()).startsWith("wacid.").isNotEqualTo(callId);
		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("duration").asInt()).isEqualTo(7);
	}

	@Test
	void aCapabilityUpdateIsAWabaLevelWebhookWithItsTime() {
		TestWorld world = TestWorld.cloud();

		JsonNode answer = scenario.post("/wabas/" + world.wabaId() + "/capability",
				Map.of("maxDailyConversations", 2000, "maxPhoneNumbers", 25));

		WebhookRecorder.Received received = awaitOne("business_capability_update");
		assertSignedAndEscaped(received);
		assertThat(answer.path("deliveryIds").size()).isEqualTo(1);
		JsonNode entry = received.payload().path("entry").path(0);
		assertThat(entry.path("id").asString()).isEqualTo(world.wabaId());
		assertThat(entry.path("time").isNumber()).isTrue();
		assertThat(received.value()).isEqualTo(Json.MAPPER.readTree(
				"{\"max_daily_conversations_per_business\":2000,\"max_phone_numbers_per_waba\":25}"));
	}

	@Test
	void aThroughputUpgradeAnnouncesTierUnlimitedAndRaisesTheNumberTo1000Mps() {
		TestWorld world = TestWorld.cloud();

		scenario.post("/phone-numbers/" + world.phoneNumberId() + "/quality", Map.of("event", "THROUGHPUT_UPGRADE"));
		scenario.post("/phone-numbers/" + world.phoneNumberId() + "/quality", Map.of("event", "downgrade",
				"currentLimit", "TIER_2K", "oldLimit", "TIER_10K"));

		var received = SharedSandbox.awaitWebhooks("phone_number_quality_update", 2);
		assertSignedAndEscaped(received.get(0));
		JsonNode entry = received.get(0).payload().path("entry").path(0);
		assertThat(entry.path("id").asString()).isEqualTo(world.wabaId());
		assertThat(entry.path("time").isNumber()).isTrue();
		assertThat(received.get(0).value()).isEqualTo(Json.MAPPER.readTree("{\"display_phone_number\":\""
				+ world.displayDigits() + "\",\"event\":\"THROUGHPUT_UPGRADE\",\"current_limit\":\"TIER_UNLIMITED\"}"));
		assertThat(received.get(1).value()).isEqualTo(Json.MAPPER.readTree("{\"display_phone_number\":\""
				+ world.displayDigits() + "\",\"event\":\"DOWNGRADE\",\"current_limit\":\"TIER_2K\","
				+ "\"old_limit\":\"TIER_10K\"}"));
		JsonNode phone = scenario.get("/phone-numbers").valueStream()
				.filter(p -> p.path("id").asString().equals(world.phoneNumberId())).findFirst().orElseThrow();
		assertThat(phone.path("throughputMps").asInt()).isEqualTo(1000);
		Graph.Response node = world.graph().get("/" + world.phoneNumberId() + "?fields=throughput");
		assertThat(node.body().path("throughput").path("level").asString()).isEqualTo("HIGH");
	}

	@Test
	void badValuesAre400sNamingTheChoicesAndUnknownNodes404s() {
		TestWorld world = TestWorld.cloud();

		assertRefused(400, "stop, resume, signup", () -> scenario.post("/users/preferences",
				Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "value", "maybe")));
		assertRefused(400, "connect, terminate", () -> scenario.post("/calls",
				Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "event", "ringing")));
		assertRefused(400, "COMPLETED, FAILED", () -> scenario.post("/calls", Map.of("phoneNumberId",
				world.phoneNumberId(), "from", USER, "event", "terminate", "status", "BUSY")));
		assertRefused(400, "THROUGHPUT_UPGRADE, UPGRADE, DOWNGRADE, FLAGGED, UNFLAGGED", () -> scenario.post(
				"/phone-numbers/" + world.phoneNumberId() + "/quality", Map.of("event", "BETTER")));
		assertRefused(400, "currentLimit must be one of", () -> scenario.post(
				"/phone-numbers/" + world.phoneNumberId() + "/quality", Map.of("event", "FLAGGED")));
		assertRefused(400, "maxDailyConversations", () -> scenario.post("/wabas/" + world.wabaId() + "/capability",
				Map.of("maxPhoneNumbers", 2)));
		assertRefused(404, "no phone number", () -> scenario.post("/users/preferences",
				Map.of("phoneNumberId", "404404", "from", USER, "value", "stop")));
		assertRefused(404, "no phone number", () -> scenario.post("/calls",
				Map.of("phoneNumberId", "404404", "from", USER, "event", "connect")));
		assertRefused(404, "no phone number", () -> scenario.post("/phone-numbers/404404/quality",
				Map.of("event", "FLAGGED", "currentLimit", "TIER_250")));
		assertRefused(404, "no WABA", () -> scenario.post("/wabas/404404/capability",
				Map.of("maxDailyConversations", 250)));
		assertThat(scenario.deliveries(null).size()).as("nothing was emitted").isZero();
	}

	@Test
	void editsAndRevokesInjectAsGiven() {
		TestWorld world = TestWorld.cloud();
		String original = scenario.injectText(world.phoneNumberId(), USER, "primeira versão");
		// the shapes of Meta's examples (peer-webhooks 033, 032), with a text instead of an image
		Map<String, Object> edit = Map.of("original_message_id", original, "message", Map.of(
				"context", Map.of("id", "M0"), "type", "text", "text", Map.of("body", "versão corrigida")));
		Map<String, Object> revoke = Map.of("original_message_id", original);

		scenario.post("/inbound", Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "type", "edit",
				"content", edit));
		scenario.post("/inbound", Map.of("phoneNumberId", world.phoneNumberId(), "from", USER, "type", "revoke",
				"content", revoke));

		var messages = SharedSandbox.awaitWebhooks("messages", 3);
		JsonNode edited = messages.get(1).value().path("messages").path(0);
		assertThat(edited.path("type").asString()).isEqualTo("edit");
		assertThat(edited.path("edit")).isEqualTo(Json.MAPPER.valueToTree(edit));
		assertThat(edited.path("from").asString()).isEqualTo(USER);
		JsonNode revoked = messages.get(2).value().path("messages").path(0);
		assertThat(revoked.path("type").asString()).isEqualTo("revoke");
		assertThat(revoked.path("revoke")).isEqualTo(Json.MAPPER.valueToTree(revoke));
	}

	private static WebhookRecorder.Received awaitOne(String field) {
		return SharedSandbox.awaitWebhooks(field, 1).get(0);
	}

	private static void assertRefused(int status, String message, Runnable call) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ScenarioClient.ScenarioException.class,
				refused -> assertThat(refused.status()).isEqualTo(status)).hasMessageContaining(message);
	}
}

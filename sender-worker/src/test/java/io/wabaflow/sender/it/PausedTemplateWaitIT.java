package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import io.wabaflow.sandbox.WebhookRecorder;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code when-paused: wait}: a send of a template Meta paused waits (pending, TEMPLATE_PAUSED, no Graph call) and goes
 * out once Meta lifts the pause; one whose template stays paused longer than {@code paused-max-wait} is rejected.
 */
@TestPropertySource(properties = { "wabaflow.sender.templates.when-paused=wait",
		"wabaflow.sender.templates.paused-recheck=1s", "wabaflow.sender.templates.paused-max-wait=10s" })
class PausedTemplateWaitIT extends SenderScenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aSendOfAPausedTemplateWaitsForThePauseToBeLiftedAndIsRejectedWhenItLastsTooLong() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		String waba = number.wabaId();
		RestClient api = RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader("Authorization", "Bearer " + TENANT_A_KEY).build();
		await().atMost(SETTLED).until(() -> status(api, waba), "APPROVED"::equals); // Meta's sample, read at once
		pause(waba, "PAUSED");
		await().atMost(SETTLED).until(() -> status(api, waba), "PAUSED"::equals);

		SendMessage waiting = template(phone, newUser());
		send(waiting);
		Send held = awaitState(waiting.getCommandId(), SendState.PENDING);
		assertThat(held.reason()).isEqualTo("TEMPLATE_PAUSED");
		// it looks again every second and waits on: still pending, nothing sent to Meta
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> store.find(waiting.getCommandId()).orElseThrow().state() == SendState.PENDING);
		assertThat(messageCalls(phone)).isEmpty();

		pause(waba, "APPROVED"); // Meta lifts the pause
		assertThat(awaitState(waiting.getCommandId(), SendState.SENT, SendState.REJECTED, SendState.FAILED).state())
				.isEqualTo(SendState.SENT);
		assertThat(messageCalls(phone)).hasSize(1);

		pause(waba, "PAUSED");
		await().atMost(SETTLED).until(() -> status(api, waba), "PAUSED"::equals);
		SendMessage tooLong = template(phone, newUser());
		send(tooLong);
		Send rejected = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
				.until(() -> store.find(tooLong.getCommandId()).orElse(null),
						row -> row != null && row.state() == SendState.REJECTED);
		assertThat(rejected.reason()).isEqualTo("TEMPLATE_PAUSED");
		assertThat(rejected.errorDetails()).contains("paused-max-wait");
		assertThat(messageCalls(phone)).as("the paused template never reached Meta").hasSize(1);
	}

	/** Meta changes the template's status: its webhook (this WABA's, the newest) onto our topic. */
	private static void pause(String waba, String status) throws Exception {
		int before = statusWebhooks(waba, status).size();
		SCENARIO.put("/wabas/" + waba + "/templates/hello_world/en_US/status", Map.of("status", status));
		List<WebhookRecorder.Received> after = await().atMost(SETTLED).until(() -> statusWebhooks(waba, status),
				received -> received.size() > before);
		forward(after.get(after.size() - 1).rawBody());
	}

	private static List<WebhookRecorder.Received> statusWebhooks(String waba, String status) {
		return WEBHOOKS.accepted("message_template_status_update").stream()
				.filter(r -> r.body().contains("\"" + waba + "\"") && r.body().contains("\"hello_world\"")
						&& r.body().contains("\"" + status + "\""))
				.toList();
	}

	private static String status(RestClient api, String waba) {
		JsonNode templates = JSON.readTree(api.get().uri("/api/v1/wabas/" + waba + "/templates?name=hello_world")
				.retrieve().body(String.class)).path("templates");
		return templates.isEmpty() ? null : templates.get(0).path("status").asString();
	}
}

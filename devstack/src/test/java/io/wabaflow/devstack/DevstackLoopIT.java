package io.wabaflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wabaflow.sandbox.ScenarioClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole devstack in one JVM, wired as on a laptop: a user's message injected in the sandbox is
 * delivered as a signed webhook to the ingress, goes through Kafka, and shows up in the sync worker's read
 * API — with no step faked; then the scripted demo walks onboarding (with creation and polling, and a
 * coexistence number), the contacts and history sync, a reply inside the window, a refusal and a template
 * outside it, and the statuses.
 */
class DevstackLoopIT {

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anInboundMessageTravelsFromTheSandboxThroughTheIngressAndKafkaToTheReadApi() throws Exception {
		DevstackSettings settings = new DevstackSettings(dataDir, Ports.anyFree(), Ports.anyFree(), Ports.anyFree(),
				Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), true);
		try (Devstack devstack = Devstack.start(settings, DevSecrets.from(name -> null))) {
			ScenarioClient scenario = new ScenarioClient("http://127.0.0.1:" + settings.sandboxPort());
			String business = scenario.createBusiness("Padaria Devstack");
			String waba = scenario.createWaba(business, true);
			String phone = scenario.createCloudNumber(waba, "+55 11 4002-8922", true);

			String wamid = scenario.injectText(phone, "5511987654321", "Olá, tem pão de queijo? 🧀");

			String conversations = "http://127.0.0.1:" + settings.syncPort() + "/api/v1/phone-numbers/" + phone
					+ "/conversations";
			// no tenant onboarded this number: its webhooks are projected, visible to the operator key only
			JsonNode page = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
					.until(() -> get(conversations), body -> body != null && body.path("items").size() == 1);
			assertThat(http.send(HttpRequest.newBuilder(URI.create(conversations))
					.header("Authorization", "Bearer dev-tenant-a-key").GET().build(),
					HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
			JsonNode conversation = page.path("items").path(0);
			assertThat(conversation.path("contact").path("wa_id").asString()).isEqualTo("5511987654321");
			assertThat(conversation.path("last_message").path("id").asString()).isEqualTo(wamid);
			assertThat(conversation.path("last_message").path("direction").asString()).isEqualTo("inbound");
			assertThat(conversation.path("window_open").asBoolean()).isTrue();

			JsonNode messages = get("http://127.0.0.1:" + settings.syncPort() + "/api/v1/conversations/"
					+ conversation.path("id").asString() + "/messages");
			assertThat(messages.path("items").path(0).path("content").path("body").asString())
					.isEqualTo("Olá, tem pão de queijo? 🧀");

			// the scripted demo walks the rest of the loop on the same devstack
			java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
			new DevDemo(settings, new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)).run();
			String demo = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
			System.out.println(demo);
			assertThat(demo).containsPattern("completed via strategy 2B after [1-9]\\d* poll")
					.contains("completed, number type coexistence")
					.containsPattern("contacts: request_id \\S+").containsPattern("history:  request_id \\S+")
					.contains("history sync complete at 100%")
					.containsPattern("reply: OK wamid\\.\\S+")
					.contains("free-form: REJECTED WINDOW_CLOSED")
					.containsPattern("template: OK wamid\\.\\S+")
					.contains("its read of the conversation: 404; its send from the number: 404")
					.contains("Done.");
		}
	}

	/** The body when the answer is 200, else null (the read API answers 503 until it has caught up). */
	private JsonNode get(String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer dev-ops-key").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 200 ? JsonMapper.builder().build().readTree(response.body()) : null;
	}
}

package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A second sandbox in the same JVM, configured differently, as another module's test would start it: its own
 * port, app, Graph version (v24: statuses without {@code conversation}) and throttling status.
 */
class EmbeddingIT {

	@Test
	void aSecondSandboxRunsSideBySideWithItsOwnSettings() {
		SharedSandbox.sandbox();
		try (WebhookRecorder hooks = WebhookRecorder.start("other-secret", "other-token");
				GraphSandbox sandbox = GraphSandbox.start(SandboxSettings.defaults()
						.withApp("42", "other-secret")
						.withCallbackUrl(hooks.url())
						.withGraphVersion("v24.0")
						.withSeed(99)
						.withFastTimings()
						.with("sandbox.errors.throttling-http-status", "429"))) {
			assertThat(sandbox.port()).isNotEqualTo(SharedSandbox.sandbox().port());
			assertThat(sandbox.graphUrl()).endsWith("/v24.0");

			ScenarioClient scenario = sandbox.scenario();
			String business = scenario.createBusiness("Outra");
			String waba = scenario.createWaba(business, true);
			String phone = scenario.createCloudNumber(waba, "+1 555-010-9999", true);
			Graph graph = new Graph(sandbox.graphUrl(), scenario.businessToken(business));
			scenario.injectText(phone, "16505550000", "hi");
			scenario.injectError("messages", 130429, 1);

			Graph.Response throttled = graph.post("/" + phone + "/messages",
					Map.of("messaging_product", "whatsapp", "to", "16505550000", "text", Map.of("body", "a")));
			Graph.Response sent = graph.post("/" + phone + "/messages",
					Map.of("messaging_product", "whatsapp", "to", "16505550000", "text", Map.of("body", "b")));

			assertThat(throttled.status()).isEqualTo(429);
			assertThat(throttled.errorCode()).isEqualTo(130429);
			String wamid = sent.body().path("messages").path(0).path("id").asString();
			await().atMost(Duration.ofSeconds(10)).until(() -> hooks.accepted("messages").size() >= 2);
			JsonNode status = hooks.accepted("messages").get(1).value().path("statuses").path(0);
			assertThat(status.path("id").asString()).isEqualTo(wamid);
			assertThat(status.has("conversation")).as("omitted from v24.0 [STAT]").isFalse();
			assertThat(status.path("pricing").path("pricing_model").asString()).isEqualTo("PMP");
			assertThat(hooks.received()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
		}
	}
}

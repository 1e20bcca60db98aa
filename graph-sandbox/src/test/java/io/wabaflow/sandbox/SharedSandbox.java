package io.wabaflow.sandbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * One sandbox and one webhook recorder for all ITs of this JVM (a Spring Boot start is the slowest thing here),
 * started through the public embedding API, exactly as other modules' tests start it. Each test begins with
 * {@link #fresh()}: pending deliveries settle, the world is reset with a seed of its own (so ids never repeat
 * between tests), and the recorder forgets what it received.
 */
final class SharedSandbox {

	static final String APP_ID = "777000111222333";
	static final String APP_SECRET = "it-app-secret-0a1b2c3d";
	static final String VERIFY_TOKEN = "it-verify-token";

	private static final AtomicLong SEEDS = new AtomicLong(1000);
	private static GraphSandbox sandbox;
	private static WebhookRecorder recorder;

	private SharedSandbox() {
	}

	static synchronized GraphSandbox sandbox() {
		if (sandbox == null) {
			recorder = WebhookRecorder.start(APP_SECRET, VERIFY_TOKEN);
			sandbox = GraphSandbox.start(SandboxSettings.defaults()
					.withApp(APP_ID, APP_SECRET)
					.withVerifyToken(VERIFY_TOKEN)
					.withCallbackUrl(recorder.url())
					.withFastTimings()
					// the tests' reorder and batch rules always fill up; a long hold keeps them whole when three
					// injections take more than the fast timings' 1 s on a loaded machine
					.with("sandbox.webhooks.reorder-hold", "15s"));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				sandbox.close();
				recorder.close();
			}));
		}
		return sandbox;
	}

	static WebhookRecorder recorder() {
		sandbox();
		return recorder;
	}

	static ScenarioClient scenario() {
		return sandbox().scenario();
	}

	static Graph graph(String token) {
		return new Graph(sandbox().graphUrl(), token);
	}

	/** Waits (10 s at most) until the recorder accepted {@code count} webhooks of {@code field}; returns them all. */
	static List<WebhookRecorder.Received> awaitWebhooks(String field, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder().accepted(field).size() >= count);
		return recorder().accepted(field);
	}

	static void fresh() {
		ScenarioClient scenario = scenario();
		// what is still in flight belongs to the previous test
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<JsonNode> unsettled = scenario.get("/deliveries").valueStream()
					.filter(d -> List.of("SCHEDULED", "RETRYING", "HELD").contains(d.path("state").asString())).toList();
			return unsettled.isEmpty();
		});
		scenario.reset(SEEDS.incrementAndGet());
		recorder.clear();
	}
}

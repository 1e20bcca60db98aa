package io.wabaflow.onboarding.it;

import java.util.Map;

import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;

/**
 * One graph-sandbox for every IT of this JVM, reached over real HTTP. Each test makes its own businesses, so tests
 * never see each other's world.
 */
final class Sandbox {

	static final String APP_ID = "660011223344550";

	static final String APP_SECRET = "onboarding-it-app-secret";

	private static GraphSandbox sandbox;

	private Sandbox() {
	}

	static synchronized GraphSandbox get() {
		if (sandbox == null) {
			sandbox = GraphSandbox.start(SandboxSettings.defaults().withApp(APP_ID, APP_SECRET).withFastTimings()
					// 1,000 flows poll at once: enough threads to answer them, as Meta would
					.with("server.tomcat.threads.max", "64"));
			Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
		}
		return sandbox;
	}

	static ScenarioClient scenario() {
		return get().scenario();
	}

	/** The worker's Graph settings for this sandbox (its version, not the worker's default v23.0). */
	static Map<String, String> workerProperties() {
		GraphSandbox sandbox = get();
		return Map.of("wabaflow.onboarding.graph.base-url", sandbox.baseUrl(),
				"wabaflow.onboarding.graph.version", sandbox.settings().graphVersion(),
				"wabaflow.onboarding.graph.app-id", APP_ID,
				"wabaflow.onboarding.graph.app-secret", APP_SECRET);
	}
}

package io.wabaflow.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start an embedded sandbox: the settings most tests care about, plus any other property of
 * {@code graph-sandbox.yml} through {@link #with(String, String)} (e.g. {@code sandbox.pair-rate.burst}).
 * Immutable; every {@code withX} returns a copy. Port 0 (the default) picks a free port.
 */
public record SandboxSettings(int port, String callbackUrl, String appId, String appSecret, String verifyToken,
		String graphVersion, long seed, Map<String, String> properties) {

	public SandboxSettings {
		properties = Map.copyOf(properties);
	}

	public static SandboxSettings defaults() {
		return new SandboxSettings(0, "", "1234567890123456", "sandbox-app-secret", "sandbox-verify-token", "v21.0", 42,
				Map.of());
	}

	public SandboxSettings withPort(int newPort) {
		return new SandboxSettings(newPort, callbackUrl, appId, appSecret, verifyToken, graphVersion, seed, properties);
	}

	public SandboxSettings withCallbackUrl(String url) {
		return new SandboxSettings(port, url, appId, appSecret, verifyToken, graphVersion, seed, properties);
	}

	public SandboxSettings withApp(String id, String secret) {
		return new SandboxSettings(port, callbackUrl, id, secret, verifyToken, graphVersion, seed, properties);
	}

	public SandboxSettings withVerifyToken(String token) {
		return new SandboxSettings(port, callbackUrl, appId, appSecret, token, graphVersion, seed, properties);
	}

	public SandboxSettings withGraphVersion(String version) {
		return new SandboxSettings(port, callbackUrl, appId, appSecret, verifyToken, version, seed, properties);
	}

	public SandboxSettings withSeed(long newSeed) {
		return new SandboxSettings(port, callbackUrl, appId, appSecret, verifyToken, graphVersion, newSeed, properties);
	}

	/** Any property, e.g. {@code with("sandbox.throughput.default-mps", "5")}. */
	public SandboxSettings with(String property, String value) {
		Map<String, String> next = new LinkedHashMap<>(properties);
		next.put(property, value);
		return new SandboxSettings(port, callbackUrl, appId, appSecret, verifyToken, graphVersion, seed, next);
	}

	/**
	 * Test timings: statuses within ~100 ms, retries from 50 ms, sync chunks 20 ms apart, so a whole scenario
	 * completes in well under a second.
	 */
	public SandboxSettings withFastTimings() {
		return with("sandbox.statuses.sent-after", "20ms").with("sandbox.statuses.delivered-after", "60ms")
				.with("sandbox.statuses.read-after", "100ms").with("sandbox.webhooks.initial-backoff", "50ms")
				.with("sandbox.webhooks.max-backoff", "1s").with("sandbox.webhooks.timeout", "2s")
				.with("sandbox.webhooks.release-gap", "25ms").with("sandbox.webhooks.reorder-hold", "1s")
				.with("sandbox.sync.chunk-interval", "20ms");
	}

	/** Command-line style arguments: they outrank the config file and environment variables. */
	List<String> arguments() {
		List<String> args = new ArrayList<>();
		args.add("--" + GraphSandboxApplication.CONFIG_NAME);
		args.add("--server.port=" + port);
		args.add("--sandbox.callback-url=" + (callbackUrl == null ? "" : callbackUrl));
		args.add("--sandbox.app.id=" + appId);
		args.add("--sandbox.app.secret=" + appSecret);
		args.add("--sandbox.verify-token=" + verifyToken);
		args.add("--sandbox.graph-version=" + graphVersion);
		args.add("--sandbox.seed=" + seed);
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		return args;
	}
}

package io.wabaflow.sandbox;

import org.springframework.boot.Banner;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * A sandbox running inside the caller's JVM (typically a test), on a free port unless told otherwise:
 *
 * <pre>{@code
 * try (GraphSandbox sandbox = GraphSandbox.start(SandboxSettings.defaults().withCallbackUrl(ingressUrl))) {
 *     String graph = sandbox.graphUrl();              // http://127.0.0.1:<port>/v21.0
 *     ScenarioClient scenario = sandbox.scenario();   // /sandbox/... over HTTP
 * }
 * }</pre>
 */
public final class GraphSandbox implements AutoCloseable {

	private final ConfigurableApplicationContext context;
	private final SandboxSettings settings;
	private final int port;
	private final ScenarioClient scenario;

	private GraphSandbox(ConfigurableApplicationContext context, SandboxSettings settings) {
		this.context = context;
		this.settings = settings;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
		this.scenario = new ScenarioClient(baseUrl());
	}

	public static GraphSandbox start() {
		return start(SandboxSettings.defaults());
	}

	public static GraphSandbox start(SandboxSettings settings) {
		ConfigurableApplicationContext context = GraphSandboxApplication.application()
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(settings.arguments().toArray(String[]::new));
		return new GraphSandbox(context, settings);
	}

	/** {@code http://127.0.0.1:<port>} */
	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** {@code http://127.0.0.1:<port>/v21.0}: what a Graph client takes as its base URL. */
	public String graphUrl() {
		return baseUrl() + "/" + settings.graphVersion();
	}

	public int port() {
		return port;
	}

	public SandboxSettings settings() {
		return settings;
	}

	public ScenarioClient scenario() {
		return scenario;
	}

	/** The partner's system-user token, which sees every business, WABA and number. */
	public String systemUserToken() {
		return context.getBean(SandboxProperties.class).systemUserToken();
	}

	@Override
	public void close() {
		context.close();
	}
}

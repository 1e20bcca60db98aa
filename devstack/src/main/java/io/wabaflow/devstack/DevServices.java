package io.wabaflow.devstack;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.ingress.IngressApplication;
import io.wabaflow.onboarding.OnboardingWorkerApplication;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sender.SenderWorkerApplication;
import io.wabaflow.sync.SyncWorkerApplication;

/**
 * The sandbox and the services, each in its own Spring context in this JVM, configured exactly as they
 * would be in production (command-line style properties, which outrank anything else): the services
 * call the sandbox as their Graph API, the sandbox delivers its webhooks to the ingress with the same
 * app secret.
 */
final class DevServices implements AutoCloseable {

	private final List<AutoCloseable> running = new ArrayList<>();

	private final GraphSandbox sandbox;

	private DevServices(GraphSandbox sandbox) {
		this.sandbox = sandbox;
		running.add(sandbox);
	}

	/**
	 * Logback is one per JVM: in one process, every service's lines would carry the one application name logging was
	 * first set up with (all said graph-sandbox). Without a name, the logger (io.wabaflow.sender…, …sync…) and the
	 * thread (the listener's id, the HTTP port) tell the services apart; as separate processes each keeps its name.
	 */
	private static final String NO_APPLICATION_NAME = "logging.include-application-name";

	static DevServices start(DevstackSettings settings, DevSecrets secrets, String kafka, String jdbcUrl) {
		GraphSandbox sandbox = GraphSandbox.start(SandboxSettings.defaults().withPort(settings.sandboxPort())
				.withApp(secrets.appId(), secrets.appSecret()).withVerifyToken(secrets.verifyToken())
				.withCallbackUrl("http://127.0.0.1:" + settings.ingressPort() + "/webhooks/whatsapp")
				.with(NO_APPLICATION_NAME, "false"));
		DevServices services = new DevServices(sandbox);
		try {
			DevKeysSeeder.seed(kafka); // before the services read the key topic
			// The production environment variables, as properties: the services' placeholders resolve them.
			List<String> common = new ArrayList<>(ServiceEnvironment.asArguments(ServiceEnvironment.of(secrets, kafka,
					jdbcUrl, sandbox.baseUrl(), sandbox.settings().graphVersion())));
			// media the sender downloads and the sync worker serves: one store, in the devstack's data folder
			common.add("--WABAFLOW_MEDIA_DIRECTORY=" + settings.dataDir().resolve("media").toAbsolutePath());
			services.run(IngressApplication.class, settings.ingressPort(), common);
			services.run(SyncWorkerApplication.class, settings.syncPort(), common);
			services.run(OnboardingWorkerApplication.class, settings.onboardingPort(), common);
			services.run(SenderWorkerApplication.class, settings.senderPort(), common);
			return services;
		}
		catch (RuntimeException e) {
			services.close();
			throw e;
		}
	}

	GraphSandbox sandbox() {
		return sandbox;
	}

	/** The services' Spring contexts (tests walk their HTTP mappings). */
	List<ConfigurableApplicationContext> contexts() {
		return running.stream().filter(ConfigurableApplicationContext.class::isInstance)
				.map(ConfigurableApplicationContext.class::cast).toList();
	}

	private void run(Class<?> application, int port, List<String> common, String... own) {
		List<String> arguments = new ArrayList<>(common);
		arguments.add("--server.port=" + port);
		arguments.add("--" + NO_APPLICATION_NAME + "=false");
		arguments.addAll(List.of(own));
		// Spring's own "Started …" line would name the devstack's main class for every service
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).logStartupInfo(false)
				.bannerMode(Banner.Mode.OFF).run(arguments.toArray(String[]::new));
		running.add(0, context);
		LoggerFactory.getLogger(DevServices.class).info("{} started on port {}", application.getSimpleName(), port);
	}

	@Override
	public void close() {
		for (AutoCloseable service : running) {
			try {
				service.close();
			}
			catch (Exception e) {
				// the next one still has to stop
			}
		}
		running.clear();
	}
}

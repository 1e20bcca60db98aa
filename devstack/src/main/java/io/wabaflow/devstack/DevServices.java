package io.wabaflow.devstack;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
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

	static DevServices start(DevstackSettings settings, DevSecrets secrets, String kafka, String jdbcUrl) {
		GraphSandbox sandbox = GraphSandbox.start(SandboxSettings.defaults().withPort(settings.sandboxPort())
				.withApp(secrets.appId(), secrets.appSecret()).withVerifyToken(secrets.verifyToken())
				.withCallbackUrl("http://127.0.0.1:" + settings.ingressPort() + "/webhooks/whatsapp"));
		DevServices services = new DevServices(sandbox);
		try {
			DevKeysSeeder.seed(kafka); // before the services read the key topic
			// The production environment variables, as properties: the services' placeholders resolve them.
			List<String> common = ServiceEnvironment.asArguments(ServiceEnvironment.of(secrets, kafka, jdbcUrl,
					sandbox.baseUrl(), sandbox.settings().graphVersion()));
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
		arguments.addAll(List.of(own));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
				.bannerMode(Banner.Mode.OFF).run(arguments.toArray(String[]::new));
		running.add(0, context);
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

package io.wabaflow.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The devstack's ports and folder, from the environment (the same variables production uses where there
 * is one), with development defaults.
 */
record DevstackSettings(Path dataDir, int kafkaPort, int kafkaControllerPort, int postgresPort, int sandboxPort,
		int ingressPort, int onboardingPort, int senderPort, int syncPort, boolean services) {

	static DevstackSettings from(Function<String, String> env) {
		return new DevstackSettings(
				Path.of(value(env, "DEVSTACK_DATA_DIR", ".dev")).toAbsolutePath(),
				port(env, "DEVSTACK_KAFKA_PORT", 9092),
				port(env, "DEVSTACK_KAFKA_CONTROLLER_PORT", 9093),
				port(env, "DEVSTACK_POSTGRES_PORT", 5432),
				port(env, "DEVSTACK_SANDBOX_PORT", 8090),
				port(env, "DEVSTACK_INGRESS_PORT", 8080),
				port(env, "DEVSTACK_ONBOARDING_PORT", 8081),
				port(env, "DEVSTACK_SENDER_PORT", 8082),
				port(env, "DEVSTACK_SYNC_PORT", 8083),
				true);
	}

	/** Only the broker and the database (e.g. to run a service from the IDE against them). */
	DevstackSettings withoutServices() {
		return new DevstackSettings(dataDir, kafkaPort, kafkaControllerPort, postgresPort, sandboxPort, ingressPort,
				onboardingPort, senderPort, syncPort, false);
	}

	/** Every port by what uses it, for the start-up check. */
	Map<String, Integer> ports() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("Kafka (DEVSTACK_KAFKA_PORT)", kafkaPort);
		ports.put("Kafka controller (DEVSTACK_KAFKA_CONTROLLER_PORT)", kafkaControllerPort);
		ports.put("PostgreSQL (DEVSTACK_POSTGRES_PORT)", postgresPort);
		if (services) {
			ports.put("graph-sandbox (DEVSTACK_SANDBOX_PORT)", sandboxPort);
			ports.put("ingress (DEVSTACK_INGRESS_PORT)", ingressPort);
			ports.put("onboarding worker (DEVSTACK_ONBOARDING_PORT)", onboardingPort);
			ports.put("sender worker (DEVSTACK_SENDER_PORT)", senderPort);
			ports.put("sync worker (DEVSTACK_SYNC_PORT)", syncPort);
		}
		return ports;
	}

	static String value(Function<String, String> env, String name, String fallback) {
		String value = env.apply(name);
		return value == null || value.isBlank() ? fallback : value.strip();
	}

	static int port(Function<String, String> env, String name, int fallback) {
		String value = value(env, name, Integer.toString(fallback));
		try {
			int port = Integer.parseInt(value);
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
		}
	}
}

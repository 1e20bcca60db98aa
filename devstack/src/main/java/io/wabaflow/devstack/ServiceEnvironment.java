package io.wabaflow.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production environment variables every service reads, with the devstack's values: where the broker,
 * the database and the Graph API (the sandbox) are, and the secrets. One place, so that the devstack (which
 * passes them as properties to services in its own JVM) and the system tests (which pass them as the
 * environment of separate {@code java -jar} processes) configure the services identically.
 */
public final class ServiceEnvironment {

	private ServiceEnvironment() {
	}

	/** Variable name → value, for every service (each ignores what it does not read). */
	public static Map<String, String> of(DevSecrets secrets, String kafkaBootstrapServers, String jdbcUrl,
			String graphBaseUrl, String graphVersion) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
		environment.put("DATABASE_URL", jdbcUrl);
		environment.put("DATABASE_USER", "wabaflow");
		environment.put("DATABASE_PASSWORD", "wabaflow");
		environment.put("WABAFLOW_TOKEN_KEY", secrets.tokenKey());
		environment.put("META_GRAPH_BASE_URL", graphBaseUrl);
		environment.put("META_GRAPH_VERSION", graphVersion);
		environment.put("META_APP_ID", secrets.appId());
		environment.put("META_APP_SECRET", secrets.appSecret());
		environment.put("META_APP_SECRETS", secrets.appSecret());
		environment.put("META_VERIFY_TOKEN", secrets.verifyToken());
		environment.put("WABAFLOW_API_KEYS", secrets.apiKey());
		environment.put("WABAFLOW_REGISTRATION_PIN", secrets.registrationPin());
		return environment;
	}

	/**
	 * The variables as command-line properties ({@code --NAME=value}), for a service started in this JVM: they
	 * outrank anything else, and the services' placeholders resolve them as they would the environment.
	 * Variables without a value are left out.
	 */
	public static List<String> asArguments(Map<String, String> environment) {
		return environment.entrySet().stream().filter(variable -> variable.getValue() != null)
				.map(variable -> "--" + variable.getKey() + "=" + variable.getValue()).toList();
	}
}

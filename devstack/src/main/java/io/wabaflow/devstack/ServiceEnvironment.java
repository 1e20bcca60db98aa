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
		environment.put("WABAFLOW_REGISTRATION_PIN", secrets.registrationPin());
		environment.putAll(DEV_KEY_SEEDS);
		return environment;
	}

	/**
	 * The development keys (platform's {@code DevKeys}: tenant-a, tenant-b, an operator) as the seed keys of
	 * {@code wabaflow.api.seed-keys}, in environment-variable form: a service started as its own process writes
	 * them to the key topic if they are not there. (A service in the devstack's JVM cannot bind this form from
	 * arguments; the devstack writes them itself, {@link DevKeysSeeder}.) Spelled out here rather than read from
	 * {@code DevKeys}, so that the system tests need no platform classes; {@code ServiceEnvironmentTest} keeps
	 * the two equal.
	 */
	static final Map<String, String> DEV_KEY_SEEDS = devKeySeeds(
			List.of("dev-tenant-a-key", "tenant-a", "read,messages:send,onboarding:write,templates:write", "development key of tenant-a"),
			List.of("dev-tenant-b-key", "tenant-b", "read,messages:send,onboarding:write,templates:write", "development key of tenant-b"),
			List.of("dev-ops-key", "", "admin,read", "development operator key"));

	@SafeVarargs
	private static Map<String, String> devKeySeeds(List<String>... keys) {
		Map<String, String> seeds = new LinkedHashMap<>();
		for (int i = 0; i < keys.length; i++) {
			String prefix = "WABAFLOW_API_SEEDKEYS_" + i + "_";
			seeds.put(prefix + "KEY", keys[i].get(0));
			seeds.put(prefix + "TENANT", keys[i].get(1));
			seeds.put(prefix + "SCOPES", keys[i].get(2));
			seeds.put(prefix + "DESCRIPTION", keys[i].get(3));
		}
		return java.util.Collections.unmodifiableMap(seeds);
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

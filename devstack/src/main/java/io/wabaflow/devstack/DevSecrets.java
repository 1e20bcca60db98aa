package io.wabaflow.devstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The secrets the services need, from the same environment variables as production; where one is unset
 * the devstack fills in a published development value and says so at start-up. Never real secrets.
 */
public record DevSecrets(String appId, String appSecret, String verifyToken, String tokenKey,
		String registrationPin, Map<String, String> defaulted) {

	public static DevSecrets from(Function<String, String> env) {
		Map<String, String> defaulted = new LinkedHashMap<>();
		return new DevSecrets(
				value(env, "META_APP_ID", "1234567890123456", defaulted),
				value(env, "META_APP_SECRET", "sandbox-app-secret", defaulted),
				value(env, "META_VERIFY_TOKEN", "dev-verify-token", defaulted),
				// 32 bytes, base64: "development-key-not-a-secret-000"
				value(env, "WABAFLOW_TOKEN_KEY", "ZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldC0wMDA=", defaulted),
				value(env, "WABAFLOW_REGISTRATION_PIN", "123456", defaulted),
				defaulted);
	}

	private static String value(Function<String, String> env, String name, String development,
			Map<String, String> defaulted) {
		String value = env.apply(name);
		if (value == null || value.isBlank()) {
			defaulted.put(name, development);
			return development;
		}
		return value;
	}
}

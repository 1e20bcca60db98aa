package io.wabaflow.platform.crypto;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The {@link TokenCipher} of a service that stores or reads access tokens; such a service imports this
 * configuration. The key comes from {@code wabaflow.crypto.token-key} (env {@code WABAFLOW_TOKEN_KEY});
 * previous keys for rotation from {@code wabaflow.crypto.previous-token-keys} (comma-separated). Without a
 * key the service refuses to start, except in the {@code dev} profile, which uses a fixed, published
 * development key and says so.
 */
@Configuration(proxyBeanMethods = false)
public class TokenCipherConfiguration {

	/** Public on purpose: it protects nothing. Only ever used in the dev profile. */
	static final String DEV_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldC0wMDA=";

	private static final Logger log = LoggerFactory.getLogger(TokenCipherConfiguration.class);

	@Bean
	TokenCipher tokenCipher(Environment environment) {
		String key = environment.getProperty("wabaflow.crypto.token-key", "");
		List<String> previous = Arrays.stream(environment.getProperty("wabaflow.crypto.previous-token-keys", "").split(","))
				.map(String::strip).filter(s -> !s.isEmpty()).toList();
		if (key.isBlank()) {
			if (environment.acceptsProfiles(Profiles.of("dev"))) {
				log.warn("WABAFLOW_TOKEN_KEY is not set: the dev profile encrypts access tokens with the public "
						+ "development key. Never use the dev profile with real tokens.");
				return new TokenCipher(DEV_KEY, previous);
			}
			throw new MissingTokenKeyException();
		}
		return new TokenCipher(key, previous);
	}

	/** Start-up failure with the fix in its message. */
	public static final class MissingTokenKeyException extends IllegalStateException {

		MissingTokenKeyException() {
			super("No token encryption key: set WABAFLOW_TOKEN_KEY (property wabaflow.crypto.token-key) to 32 random "
					+ "bytes, base64 encoded, e.g. `openssl rand -base64 32`. Access tokens are stored and published "
					+ "only encrypted with it. (Only the dev profile runs without one.)");
		}
	}
}

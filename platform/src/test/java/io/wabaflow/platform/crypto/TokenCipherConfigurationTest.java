package io.wabaflow.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TokenCipherConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(TokenCipherConfiguration.class);

	@Test
	void refusesToStartWithoutAKey() {
		runner.run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(TokenCipherConfiguration.MissingTokenKeyException.class)
					.hasMessageContaining("WABAFLOW_TOKEN_KEY");
		});
	}

	@Test
	void usesTheConfiguredKey() {
		String key = TokenCipher.generateKey();
		runner.withPropertyValues("wabaflow.crypto.token-key=" + key).run(context -> {
			byte[] sealed = context.getBean(TokenCipher.class).encrypt("t", "pn");
			assertThat(new TokenCipher(key, List.of()).decrypt(sealed, "pn")).isEqualTo("t");
		});
	}

	@Test
	void theDevProfileRunsWithTheDevelopmentKey() {
		runner.withPropertyValues("spring.profiles.active=dev").run(context -> {
			byte[] sealed = context.getBean(TokenCipher.class).encrypt("t", "pn");
			assertThat(new TokenCipher(TokenCipherConfiguration.DEV_KEY, List.of()).decrypt(sealed, "pn")).isEqualTo("t");
		});
	}
}

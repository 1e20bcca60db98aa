package io.wabaflow.ingress.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.wabaflow.ingress.IngressApplication;

class StartupWithoutSecretsTest {

	@Test
	void theServiceRefusesToStartWithoutItsSecretsAndSaysWhatIsMissing() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(IngressApplication.class)
				.web(WebApplicationType.NONE)
				// no broker is needed to fail: the secrets are checked before anything connects
				.properties("spring.kafka.bootstrap-servers=localhost:1", "META_APP_SECRETS=", "META_VERIFY_TOKEN=",
						"WABAFLOW_API_KEYS=", "spring.main.banner-mode=off");

		assertThatThrownBy(application::run)
				.rootCause()
				.isInstanceOf(IngressSecrets.MissingIngressSecretsException.class)
				.hasMessageContaining("META_APP_SECRETS")
				.hasMessageContaining("META_VERIFY_TOKEN")
				.hasMessageContaining("WABAFLOW_API_KEYS");
	}
}

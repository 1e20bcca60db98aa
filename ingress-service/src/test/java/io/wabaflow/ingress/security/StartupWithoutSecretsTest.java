package io.wabaflow.ingress.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.wabaflow.ingress.IngressProperties;

/** The service's secrets configuration as Spring runs it, without the rest of the application. */
class StartupWithoutSecretsTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
			.withUserConfiguration(Properties.class, SecretsConfiguration.class);

	@Test
	void theServiceRefusesToStartWithoutItsSecretsAndSaysWhatIsMissing() {
		context.run(started -> assertThat(started).getFailure()
				.rootCause()
				.isInstanceOf(IngressSecrets.MissingIngressSecretsException.class)
				.hasMessageContaining("META_APP_SECRETS")
				.hasMessageContaining("META_VERIFY_TOKEN"));
	}

	@Test
	void theDevProfileStartsOnTheDevelopmentValues() {
		context.withPropertyValues("spring.profiles.active=dev").run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(started.getBean(IngressSecrets.class).developmentValues()).isTrue();
		});
	}

	@Test
	void configuredSecretsAreUsed() {
		context.withPropertyValues("wabaflow.ingress.app-secrets=a,b", "wabaflow.ingress.verify-token=t").run(started -> {
					IngressSecrets secrets = started.getBean(IngressSecrets.class);
					assertThat(secrets.appSecrets()).containsExactly("a", "b");
					assertThat(secrets.developmentValues()).isFalse();
				});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IngressProperties.class)
	static class Properties {
	}
}

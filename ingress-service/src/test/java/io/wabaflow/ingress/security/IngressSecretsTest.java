package io.wabaflow.ingress.security;

import io.wabaflow.platform.web.ConstantTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IngressSecretsTest {

	@Test
	void withoutSecretsTheServiceRefusesToStartNamingEachMissingSetting() {
		assertThatThrownBy(() -> IngressSecrets.resolve(List.of(" "), "", false))
				.isInstanceOf(IngressSecrets.MissingIngressSecretsException.class)
				.hasMessageContaining("META_APP_SECRETS")
				.hasMessageContaining("META_VERIFY_TOKEN");
		assertThatThrownBy(() -> IngressSecrets.resolve(List.of("s"), "", false))
				.hasMessageContaining("META_VERIFY_TOKEN")
				.hasMessageNotContaining("META_APP_SECRETS");
	}

	@Test
	void theDevProfileFillsOnlyTheMissingOnesWithThePublishedDevelopmentValues() {
		IngressSecrets dev = IngressSecrets.resolve(List.of(), "my-token", true);

		assertThat(dev.developmentValues()).isTrue();
		assertThat(dev.appSecrets()).containsExactly(IngressSecrets.DEV_APP_SECRET);
		assertThat(dev.verifyToken()).isEqualTo("my-token");
	}

	@Test
	void configuredSecretsAreTrimmedAndNeverShownByToString() {
		IngressSecrets secrets = IngressSecrets.resolve(List.of(" first-secret ", "second-secret", ""), " the-verify-value ",
				false);

		assertThat(secrets.appSecrets()).containsExactly("first-secret", "second-secret");
		assertThat(secrets.verifyToken()).isEqualTo("the-verify-value");
		assertThat(secrets.developmentValues()).isFalse();
		assertThat(secrets.toString()).doesNotContain("first-secret", "the-verify-value").contains("2 app secret(s)");
	}

	@Test
	void secretsCompareInConstantTime() {
		assertThat(ConstantTime.equals("a", "a")).isTrue();
		assertThat(ConstantTime.equals("a", "ab")).isFalse();
		assertThat(ConstantTime.equals(null, "a")).isFalse();
	}
}

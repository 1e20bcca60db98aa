package io.wabaflow.ingress.security;

import io.wabaflow.platform.web.ConstantTime;
import io.wabaflow.platform.web.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IngressSecretsTest {

	@Test
	void withoutSecretsTheServiceRefusesToStartNamingEachMissingSetting() {
		assertThatThrownBy(() -> IngressSecrets.resolve(List.of(" "), "", List.of(), false))
				.isInstanceOf(IngressSecrets.MissingIngressSecretsException.class)
				.hasMessageContaining("META_APP_SECRETS")
				.hasMessageContaining("META_VERIFY_TOKEN")
				.hasMessageContaining("WABAFLOW_API_KEYS");
		assertThatThrownBy(() -> IngressSecrets.resolve(List.of("s"), "t", List.of(), false))
				.hasMessageContaining("WABAFLOW_API_KEYS")
				.hasMessageNotContaining("META_APP_SECRETS");
	}

	@Test
	void theDevProfileFillsOnlyTheMissingOnesWithThePublishedDevelopmentValues() {
		IngressSecrets dev = IngressSecrets.resolve(List.of(), "", List.of("my-key"), true);

		assertThat(dev.developmentValues()).isTrue();
		assertThat(dev.appSecrets()).containsExactly(IngressSecrets.DEV_APP_SECRET);
		assertThat(dev.verifyToken()).isEqualTo(IngressSecrets.DEV_VERIFY_TOKEN);
		assertThat(dev.apiKeys()).containsExactly("my-key");
	}

	@Test
	void configuredSecretsAreTrimmedAndNeverShownByToString() {
		IngressSecrets secrets = IngressSecrets.resolve(List.of(" first-secret ", "second-secret", ""), " the-verify-value ",
				List.of("key-1"), false);

		assertThat(secrets.appSecrets()).containsExactly("first-secret", "second-secret");
		assertThat(secrets.verifyToken()).isEqualTo("the-verify-value");
		assertThat(secrets.developmentValues()).isFalse();
		assertThat(secrets.toString()).doesNotContain("first-secret", "the-verify-value", "key-1").contains("2 app secret(s)");
	}

	@Test
	void apiKeysAuthenticateOnlyTheirOwnCaller() {
		ApiKeys keys = new ApiKeys(List.of("key-a", "key-b"));

		assertThat(keys.authenticate("key-a")).isPresent();
		assertThat(keys.authenticate("key-a").get()).isNotEqualTo(keys.authenticate("key-b").get());
		assertThat(keys.authenticate("key-a").get().keyName()).startsWith("key-").doesNotContain("key-a");
		assertThat(keys.authenticate("key-c")).isEmpty();
		assertThat(keys.authenticate("")).isEmpty();
		assertThat(keys.authenticate(null)).isEmpty();
		assertThat(ConstantTime.equals("a", "a")).isTrue();
		assertThat(ConstantTime.equals("a", "ab")).isFalse();
		assertThat(ConstantTime.equals(null, "a")).isFalse();
	}
}

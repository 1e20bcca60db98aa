package io.wabaflow.onboarding.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import io.wabaflow.onboarding.OnboardingProperties;

class RegistrationPinTest {

	@Test
	void aPinIsSixDigitsAndNeverPrinted() {
		assertThat(new RegistrationPin("024680").toString()).doesNotContain("024680");
		assertThatThrownBy(() -> new RegistrationPin("12345")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RegistrationPin("12345a")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void outsideTheDevProfileThePinAndTheAppAreRequired() {
		GraphConfiguration configuration = new GraphConfiguration();
		OnboardingProperties none = OnboardingProperties.defaults();

		assertThatThrownBy(() -> configuration.registrationPin(none, new MockEnvironment()))
				.hasMessageContaining("WABAFLOW_REGISTRATION_PIN");
		assertThatThrownBy(() -> configuration.graphCalls(none, new MockEnvironment()))
				.hasMessageContaining("META_APP_ID");
	}

	@Test
	void theDevProfileFallsBackToTheSandboxAndADevelopmentPin() {
		GraphConfiguration configuration = new GraphConfiguration();
		OnboardingProperties none = OnboardingProperties.defaults();
		MockEnvironment dev = new MockEnvironment();
		dev.setActiveProfiles("dev");

		assertThat(configuration.registrationPin(none, dev).value()).isEqualTo(GraphConfiguration.DEV_PIN);
		assertThat(configuration.graphCalls(none, dev).client().settings().baseUrl())
				.hasToString(GraphConfiguration.DEV_BASE_URL);
	}
}

package io.wabaflow.onboarding.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wabaflow.onboarding.OnboardingProperties;

class BackoffTest {

	private final Backoff backoff = new Backoff(new OnboardingProperties.Retry(4, Duration.ofSeconds(2), 2.0,
			Duration.ofSeconds(10), Duration.ofSeconds(15)));

	@Test
	void transientErrorsBackOffExponentiallyUpToTheCap() {
		assertThat(backoff.delay(1, false)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.delay(2, false)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.delay(3, false)).isEqualTo(Duration.ofSeconds(8));
		assertThat(backoff.delay(4, false)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void throttlingStartsHigherAndIsNeverCutBelowItsStart() {
		assertThat(backoff.delay(1, true)).isEqualTo(Duration.ofSeconds(15));
		assertThat(backoff.delay(2, true)).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void attemptsAreCounted() {
		assertThat(backoff.mayRetry(3)).isTrue();
		assertThat(backoff.mayRetry(4)).isFalse();
	}

	@Test
	void defaultsAreSeed001s() {
		OnboardingProperties defaults = OnboardingProperties.defaults();
		assertThat(defaults.polling().interval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(defaults.polling().maxAttempts()).isEqualTo(10);
		assertThat(defaults.awaiting().retryAfter()).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.graph().version()).isEqualTo("v23.0");
		assertThat(defaults.graph().baseUrl()).hasToString("https://graph.facebook.com");
	}

	@Test
	void secretsStayOutOfToString() {
		OnboardingProperties properties = new OnboardingProperties("135790", new OnboardingProperties.Graph(null, null,
				"app", "very-secret", null, null), null, null, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(properties.toString()).doesNotContain("135790").doesNotContain("very-secret");
	}
}

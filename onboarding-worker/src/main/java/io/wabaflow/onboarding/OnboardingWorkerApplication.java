package io.wabaflow.onboarding;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.wabaflow.platform.crypto.TokenCipherConfiguration;

/**
 * The onboarding worker: Embedded Signup as a durable state machine driven by Kafka (token exchange, WABA
 * discovery, creation strategies 2A-2E, polling through delay topics, phone registration, webhook
 * subscription), the registry of onboarded numbers, and coexistence sync requests. See README.md.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(OnboardingProperties.class)
@Import(TokenCipherConfiguration.class)
public class OnboardingWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnboardingWorkerApplication.class, args);
	}

	/**
	 * Every time decision (due times, claim expiry, the 24 h sync window) reads this clock, so tests can move
	 * it; the delays themselves are Kafka topics, never a sleeping thread.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}

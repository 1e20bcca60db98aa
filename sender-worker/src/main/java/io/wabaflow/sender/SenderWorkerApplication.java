package io.wabaflow.sender;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.wabaflow.platform.crypto.TokenCipherConfiguration;

/**
 * The sender worker: turns {@code SendMessage} commands into Graph API calls, once per command, at each
 * number's rate, and reports what happened on the message-events and command-results topics.
 */
@SpringBootApplication
@EnableConfigurationProperties(SenderProperties.class)
@Import(TokenCipherConfiguration.class)
public class SenderWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SenderWorkerApplication.class, args);
	}

	/**
	 * Window checks, retry due times and timestamps read this clock, so a test can move it 24 h ahead (with
	 * a {@code @Primary} clock of its own). Rate limiting reads the monotonic {@code System.nanoTime()}.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}

package io.wabaflow.sync;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sync worker: fans in webhooks, message events and the number registry into projections
 * (contacts, conversations, messages, statuses, history sync) that a replay rebuilds identical, and
 * serves them over HTTP. See README.md.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(SyncProperties.class)
public class SyncWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SyncWorkerApplication.class, args);
	}

	/** Only the API (window open?) and the rebuild bookkeeping read the clock; projections never do. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}

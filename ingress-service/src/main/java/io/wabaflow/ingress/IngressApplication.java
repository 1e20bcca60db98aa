package io.wabaflow.ingress;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The only HTTP entry for writes: Meta's signed webhooks and the command API, both put on Kafka and
 * answered only once the broker acknowledged them. Stateless: any number of instances, no database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngressApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}

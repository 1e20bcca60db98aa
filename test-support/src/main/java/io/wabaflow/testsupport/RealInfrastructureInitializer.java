package io.wabaflow.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's real broker and at a fresh database of the JVM's real
 * PostgreSQL. Use it through {@link RealInfrastructure}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPostgres.TestDatabase database = TestPostgres.newDatabase("it");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("wabaflow-test-infrastructure",
				Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers(),
						"spring.datasource.url", database.jdbcUrl(),
						"spring.datasource.username", database.user(),
						"spring.datasource.password", database.password())));
	}
}

package io.wabaflow.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the shared conventions of {@code wabaflow-platform-defaults.properties} with the lowest precedence,
 * so services don't repeat them, and derives the per-service database settings from one property,
 * {@code wabaflow.database.schema}: Flyway migrates that schema from {@code classpath:db/<schema>} and
 * every pooled connection uses it as its search path.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String SCHEMA_PROPERTY = "wabaflow.database.schema";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources().addLast(
					new ResourcePropertySource("wabaflow-platform-defaults",
							new ClassPathResource("wabaflow-platform-defaults.properties")));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		String schema = environment.getProperty(SCHEMA_PROPERTY);
		if (schema != null && !schema.isBlank()) {
			if (!schema.matches("[a-z][a-z0-9_]*")) {
				throw new IllegalStateException(SCHEMA_PROPERTY + " must be a lower-case SQL identifier, not '" + schema + "'");
			}
			Map<String, Object> derived = new HashMap<>();
			derived.put("spring.flyway.schemas", schema);
			derived.put("spring.flyway.default-schema", schema);
			derived.put("spring.flyway.locations", "classpath:db/" + schema);
			derived.put("spring.datasource.hikari.schema", schema);
			environment.getPropertySources().addLast(new MapPropertySource("wabaflow-database-schema", derived));
		}
	}
}

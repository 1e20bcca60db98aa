package io.wabaflow.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the shared conventions of {@code wabaflow-platform-defaults.properties} with the lowest precedence,
 * so services don't repeat them, and derives the per-service database settings from one property,
 * {@code wabaflow.database.schema}: Flyway migrates that schema from {@code classpath:db/<schema>} and
 * every pooled connection uses it as its search path.
 *
 * <p>A service keeps its own configuration in {@code service.yml} beside its application class (e.g.
 * {@code io/wabaflow/sync/service.yml}), not in {@code application.yml}: the devstack runs every service in
 * one JVM, where each would otherwise read whichever {@code application.yml} comes first on the class path.
 * It ranks below {@code application.yml}, environment variables and arguments, above the platform defaults.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String SCHEMA_PROPERTY = "wabaflow.database.schema";

	static final String SERVICE_CONFIGURATION = "service.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// added last in order of precedence: the service's own configuration, then the shared defaults
		for (Object source : application.getAllSources()) {
			if (source instanceof Class<?> type) {
				serviceConfiguration(type).forEach(environment.getPropertySources()::addLast);
			}
		}
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

	private static List<PropertySource<?>> serviceConfiguration(Class<?> applicationClass) {
		ClassPathResource resource = new ClassPathResource(
				applicationClass.getPackageName().replace('.', '/') + "/" + SERVICE_CONFIGURATION);
		if (!resource.exists()) {
			return List.of();
		}
		try {
			return new YamlPropertySourceLoader().load("wabaflow-service " + resource.getPath(), resource);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + resource.getPath(), e);
		}
	}
}

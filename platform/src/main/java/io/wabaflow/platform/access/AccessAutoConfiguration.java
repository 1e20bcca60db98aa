package io.wabaflow.platform.access;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.micrometer.core.instrument.MeterRegistry;
import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.access.ApiKey;
import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * Tenancy and access for a service's HTTP API, the same in every service: the paths listed in
 * {@code wabaflow.api.protected-paths} need an API key from the key topic {@code wabaflow.api-keys.v1}
 * (materialised in memory, so no database is needed and a revocation reaches every service in a poll);
 * handlers declare their {@link RequiresScope}; controllers take the {@link Principal} and check ownership
 * with {@link NotOwnedException#check}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnProperty("wabaflow.api.protected-paths")
@EnableConfigurationProperties(AccessProperties.class)
@Import(NotOwnedAdvice.class)
public class AccessAutoConfiguration implements WebMvcConfigurer {

	@Bean
	KeyRing wabaflowKeyRing() {
		return new KeyRing();
	}

	@Bean
	KeyRingLoader wabaflowKeyRingLoader(KeyRing ring, KafkaProperties kafka, AccessProperties properties,
			Environment environment, ObjectProvider<Clock> clock) {
		CompactedTopicView<ApiKey> view = new CompactedTopicView<>(Topics.API_KEYS, ApiKey.class,
				String.join(",", kafka.getBootstrapServers()), CompactedTopicView.settingsOf(kafka), ring::apply);
		Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
		producer.keySet().removeIf(key -> key.endsWith(".serializer") || key.startsWith("transactional"));
		return new KeyRingLoader(ring, view, seeds(properties, environment),
				() -> new KafkaProducer<String, SpecificRecord>(producer, new StringSerializer(), new AvroSerializer()),
				properties.loadTimeout(), clock.getIfAvailable(Clock::systemUTC));
	}

	static List<DevKeys.SeedKey> seeds(AccessProperties properties, Environment environment) {
		if (properties.seedKeys().isEmpty()) {
			return environment.acceptsProfiles(Profiles.of("dev")) ? DevKeys.ALL : List.of();
		}
		return properties.seedKeys().stream().map(seed -> {
			if (seed.key() == null || seed.key().isBlank()) {
				throw new IllegalStateException("wabaflow.api.seed-keys: every seed needs its key");
			}
			Set<Scope> scopes = (seed.scopes() == null ? List.<String>of() : seed.scopes()).stream().map(String::strip)
					.map(Scope::parse).collect(Collectors.toSet());
			String tenant = seed.tenant() == null || seed.tenant().isBlank() ? null : seed.tenant().strip();
			ApiKeyIssuer.record(seed.key(), tenant, scopes, null, null, java.time.Instant.EPOCH); // validates
			return new DevKeys.SeedKey(seed.key(), tenant, scopes, seed.description());
		}).toList();
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> wabaflowApiKeyFilter(KeyRing ring, AccessProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(ring,
				clock.getIfAvailable(Clock::systemUTC),
				() -> meters.ifAvailable(registry -> registry.counter("wabaflow.api.unauthorized").increment())));
		registration.setUrlPatterns(properties.protectedPaths());
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new PrincipalArgumentResolver());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ScopeInterceptor());
	}
}

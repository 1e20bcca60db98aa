package io.wabaflow.platform.web;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API keys for a service's HTTP API: a service lists the paths to protect in
 * {@code wabaflow.api.protected-paths} (servlet URL patterns, e.g. {@code /admin/*}) and every request
 * there needs {@code Authorization: Bearer <key>} with one of {@code WABAFLOW_API_KEYS}. Without keys the
 * service refuses to start, except in the {@code dev} profile, which accepts the published development
 * key {@value #DEV_API_KEY} and says so.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnProperty("wabaflow.api.protected-paths")
public class ApiKeyAutoConfiguration {

	public static final String DEV_API_KEY = "dev-api-key";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ApiKeys wabaflowApiKeys(Environment environment) {
		List<String> keys = split(environment.getProperty("wabaflow.api.keys", ""));
		if (keys.isEmpty()) {
			if (environment.acceptsProfiles(Profiles.of("dev"))) {
				log.warn("WABAFLOW_API_KEYS is not set: the dev profile accepts the published key '{}'", DEV_API_KEY);
				return new ApiKeys(List.of(DEV_API_KEY));
			}
			throw new IllegalStateException("No API keys: set WABAFLOW_API_KEYS (comma-separated) for the protected "
					+ "paths " + environment.getProperty("wabaflow.api.protected-paths") + " (only the dev profile runs without).");
		}
		return new ApiKeys(keys);
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> wabaflowApiKeyFilter(ApiKeys apiKeys, Environment environment) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(apiKeys,
				() -> log.debug("Refused a request without a valid API key")));
		registration.setUrlPatterns(split(environment.getProperty("wabaflow.api.protected-paths", "")));
		return registration;
	}

	private static List<String> split(String values) {
		return Arrays.stream(values.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}

package io.wabaflow.ingress.security;

import io.wabaflow.platform.web.ApiKeyFilter;
import io.wabaflow.platform.web.ApiKeys;
import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ApiKeyFilterConfiguration implements WebMvcConfigurer {

	/** Only the command API needs a key: Meta authenticates by signature, health and docs are open. */
	static final String COMMAND_API = "/api/*";

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys apiKeys, MeterRegistry meters) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(apiKeys, () -> meters.counter("wabaflow.ingress.api.unauthorized").increment()));
		registration.addUrlPatterns(COMMAND_API);
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiCallerArgumentResolver());
	}
}

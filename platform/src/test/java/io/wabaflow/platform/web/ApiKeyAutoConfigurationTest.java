package io.wabaflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class ApiKeyAutoConfigurationTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class));

	@Test
	void protectsNothingUnlessAServiceListsItsPaths() {
		runner.run(context -> assertThat(context).doesNotHaveBean(ApiKeyFilter.class).doesNotHaveBean(ApiKeys.class));
	}

	@Test
	void protectsTheListedPathsWithTheConfiguredKeys() {
		runner.withPropertyValues("wabaflow.api.protected-paths=/api/*, /admin/*", "wabaflow.api.keys=k1,k2")
				.run(context -> {
					assertThat(context.getBean(ApiKeys.class).authenticate("k2")).isPresent();
					assertThat(context.getBean(ApiKeys.class).authenticate("k3")).isEmpty();
					assertThat(context.getBean(FilterRegistrationBean.class).getUrlPatterns())
							.containsExactly("/api/*", "/admin/*");
				});
	}

	@Test
	void refusesToStartWithoutKeys() {
		runner.withPropertyValues("wabaflow.api.protected-paths=/admin/*").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("WABAFLOW_API_KEYS")
					.hasMessageContaining("/admin/*");
		});
	}

	@Test
	void theDevProfileAcceptsThePublishedDevelopmentKey() {
		runner.withPropertyValues("wabaflow.api.protected-paths=/admin/*", "spring.profiles.active=dev")
				.run(context -> assertThat(context.getBean(ApiKeys.class).authenticate(ApiKeyAutoConfiguration.DEV_API_KEY))
						.isPresent());
	}
}

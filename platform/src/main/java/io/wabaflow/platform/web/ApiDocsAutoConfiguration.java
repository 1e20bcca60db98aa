package io.wabaflow.platform.web;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.wabaflow.platform.access.Principal;

/**
 * Every service with springdoc on its classpath describes its HTTP API the same way at {@code /v3/api-docs}
 * ({@code /swagger-ui.html} to browse it): titled by the service, authenticated by an API key as a bearer token, and
 * without the caller's {@link Principal} (resolved from the key, never sent) among the parameters.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
public class ApiDocsAutoConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI wabaflowOpenApi(Environment environment) {
		return new OpenAPI()
				.info(new Info().title("Wabaflow " + environment.getProperty("spring.application.name", "service"))
						.version("v1"))
				.components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
						.type(SecurityScheme.Type.HTTP).scheme("bearer")
						.description("An API key of wabaflow.api-keys.v1 (wabaflow keys create): Authorization: Bearer <key>")))
				.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}
}

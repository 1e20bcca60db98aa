package io.wabaflow.sandbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * {@code java -jar graph-sandbox-<version>-exec.jar}: the sandbox on port 8090 (or {@code SERVER_PORT}).
 *
 * <p>Auto-configuration is listed, not discovered: the sandbox also starts inside other modules' test JVMs, whose
 * classpath holds Kafka, JDBC, Flyway and our own platform auto-configurations, none of which may leak into it.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
@ImportAutoConfiguration({
		PropertyPlaceholderAutoConfiguration.class,
		ConfigurationPropertiesAutoConfiguration.class,
		TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class,
		WebMvcAutoConfiguration.class,
		ErrorMvcAutoConfiguration.class,
		HttpEncodingAutoConfiguration.class,
		JacksonAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class })
public class GraphSandboxApplication {

	/** Own config file name, so embedding apps' application.yml and ours never mix. */
	static final String CONFIG_NAME = "spring.config.name=graph-sandbox";

	public static void main(String[] args) {
		application().run(args);
	}

	static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(GraphSandboxApplication.class).web(WebApplicationType.SERVLET)
				.properties(CONFIG_NAME);
	}
}

package io.wabaflow.sandbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar graph-sandbox-<version>-exec.jar}: the sandbox on port 8090 (or {@code SERVER_PORT}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GraphSandboxApplication {

	/** Own config file name, so embedding apps' application.yml and ours never mix. */
	static final String CONFIG_NAME = "spring.config.name=graph-sandbox";

	public static void main(String[] args) {
		new SpringApplicationBuilder(GraphSandboxApplication.class).properties(CONFIG_NAME).run(args);
	}
}

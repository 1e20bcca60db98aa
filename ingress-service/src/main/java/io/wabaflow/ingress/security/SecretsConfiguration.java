package io.wabaflow.ingress.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import io.wabaflow.ingress.IngressProperties;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

	@Bean
	IngressSecrets ingressSecrets(IngressProperties properties, Environment environment) {
		IngressSecrets secrets = IngressSecrets.resolve(properties.appSecrets(), properties.verifyToken(), environment.acceptsProfiles(Profiles.of("dev")));
		if (secrets.developmentValues()) {
			log.warn("The dev profile fills missing secrets with the published development values (app secret '{}', "
					+ "verify token '{}'). Never expose this instance.", IngressSecrets.DEV_APP_SECRET,
					IngressSecrets.DEV_VERIFY_TOKEN);
		}
		log.info("Ingress secrets: {}", secrets);
		return secrets;
	}
}

package io.wabaflow.onboarding.graph;

import java.net.URI;
import java.net.http.HttpClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphSettings;
import io.wabaflow.onboarding.OnboardingProperties;

/**
 * The Graph client and the registration PIN. Outside the dev profile the worker refuses to start without the
 * app's id and secret and a 6-digit PIN; the dev profile falls back to graph-sandbox's defaults and a published
 * development PIN, and says so.
 */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

	/** graph-sandbox's defaults (its README): the dev profile talks to a local sandbox. */
	static final String DEV_BASE_URL = "http://localhost:8090";

	static final String DEV_APP_ID = "1234567890123456";

	static final String DEV_APP_SECRET = "sandbox-app-secret";

	static final String DEV_PIN = "000000";

	private static final Logger log = LoggerFactory.getLogger(GraphConfiguration.class);

	@Bean
	GraphCalls graphCalls(OnboardingProperties properties, Environment environment) {
		OnboardingProperties.Graph graph = properties.graph();
		boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
		String appId = graph.appId();
		String appSecret = graph.appSecret();
		URI baseUrl = graph.baseUrl();
		if (blank(appId) || blank(appSecret)) {
			if (!dev) {
				throw new IllegalStateException("META_APP_ID and META_APP_SECRET (wabaflow.onboarding.graph.app-id/app-secret)"
						+ " are required: the worker exchanges Embedded Signup codes as this app.");
			}
			log.warn("META_APP_ID/META_APP_SECRET not set: the dev profile uses graph-sandbox's default app.");
			appId = blank(appId) ? DEV_APP_ID : appId;
			appSecret = blank(appSecret) ? DEV_APP_SECRET : appSecret;
			if (environment.getProperty("META_GRAPH_BASE_URL") == null
					&& baseUrl.toString().equals(GraphSettings.DEFAULT_BASE_URL)) {
				baseUrl = URI.create(DEV_BASE_URL); // the dev profile never calls the real Graph API by accident
			}
		}
		GraphSettings settings = new GraphSettings(baseUrl, graph.version(), appId, appSecret, graph.timeout());
		log.info("Graph API at {} ({}), app {}, at most {} calls in flight", settings.baseUrl(), settings.version(),
				settings.appId(), graph.maxInFlight());
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(graph.timeout()).build();
		return new GraphCalls(new GraphClient(settings, http), graph.maxInFlight());
	}

	@Bean
	RegistrationPin registrationPin(OnboardingProperties properties, Environment environment) {
		String pin = properties.registrationPin();
		if (blank(pin)) {
			if (!environment.acceptsProfiles(Profiles.of("dev"))) {
				throw new IllegalStateException("WABAFLOW_REGISTRATION_PIN (wabaflow.onboarding.registration-pin) is "
						+ "required: the 6-digit two-step verification PIN phone numbers are registered with.");
			}
			log.warn("WABAFLOW_REGISTRATION_PIN not set: the dev profile registers numbers with the public PIN {}.", DEV_PIN);
			return new RegistrationPin(DEV_PIN);
		}
		return new RegistrationPin(pin.strip());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}

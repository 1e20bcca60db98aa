package io.wabaflow.ingress.webhook;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wabaflow.ingress.publish.DurablePublisher;
import io.wabaflow.ingress.security.IngressSecrets;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	SignatureVerifier signatureVerifier(IngressSecrets secrets) {
		return new SignatureVerifier(secrets.appSecrets());
	}

	@Bean
	WebhookIngest webhookIngest(DurablePublisher publisher, Clock clock) {
		return new WebhookIngest(new EnvelopeSplitter(), publisher, clock);
	}
}

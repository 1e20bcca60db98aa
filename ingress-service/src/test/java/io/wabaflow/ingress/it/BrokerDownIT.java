package io.wabaflow.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.testsupport.TestKafka;

/**
 * With its broker gone the ingress must answer 503 within the publish timeout, so that Meta retries:
 * never a 200 for something that is not durable. A broker of its own, which this test stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"wabaflow.ingress.app-secrets=app-secret",
		"wabaflow.ingress.verify-token=verify-token",
		"wabaflow.api.seed-keys[0].key=broker-down-it-key", "wabaflow.api.seed-keys[0].tenant=broker-down-it",
		"wabaflow.api.seed-keys[0].scopes=messages:send",
		"wabaflow.ingress.publish-timeout=3s",
		// the listener container cannot stop cleanly without its broker: do not wait 30 s for it on close
		"spring.lifecycle.timeout-per-shutdown-phase=1s" })
@DirtiesContext
class BrokerDownIT {

	static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(3);

	static final EmbeddedKafkaKraftBroker BROKER = TestKafka.startEmbedded();

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
	}

	@AfterAll
	static void stopBroker() {
		BROKER.destroy(); // again, in case the test failed before stopping it
	}

	@LocalServerPort
	int port;

	@Test
	void withTheBrokerStoppedWebhooksAndCommandsAreAnswered503WithinThePublishTimeout() {
		Http http = new Http(port);
		byte[] body = webhook("waba-up");
		assertThat(http.postWebhook(body, Signatures.sign(body, "app-secret")).statusCode())
				.as("with the broker up").isEqualTo(200);

		BROKER.destroy();

		byte[] down = webhook("waba-down");
		long started = System.nanoTime();
		HttpResponse<String> webhook = http.postWebhook(down, Signatures.sign(down, "app-secret"));
		Duration webhookTook = Duration.ofNanos(System.nanoTime() - started);
		started = System.nanoTime();
		HttpResponse<String> command = http.postJson("/api/v1/messages",
				"{\"phone_number_id\":\"pn-1\",\"to\":\"5511999990000\",\"type\":\"text\",\"content\":{\"body\":\"hi\"}}",
				"Authorization", "Bearer broker-down-it-key", "Prefer", "wait=10");
		Duration commandTook = Duration.ofNanos(System.nanoTime() - started);

		assertThat(webhook.statusCode()).isEqualTo(503);
		assertThat(command.statusCode()).isEqualTo(503);
		assertThat(command.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		// bounded: the publish timeout plus scheduling slack, never the producer's 2-minute default
		assertThat(webhookTook).isLessThan(PUBLISH_TIMEOUT.plusSeconds(2));
		assertThat(commandTook).isLessThan(PUBLISH_TIMEOUT.plusSeconds(2));
	}

	private static byte[] webhook(String waba) {
		return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"changes\":[{"
				+ "\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"pn-" + waba + "\"},"
				+ "\"statuses\":[{\"id\":\"wamid.1\",\"status\":\"read\",\"timestamp\":\"1750263773\"}]}}]}]}")
				.getBytes(StandardCharsets.UTF_8);
	}
}

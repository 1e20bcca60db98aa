package io.wabaflow.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.testsupport.TestKafka;

/** The dev profile runs without configured secrets, on the published development values (README). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"META_APP_SECRETS=", "META_VERIFY_TOKEN=" })
@ActiveProfiles("dev")
class DevProfileIT {

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@LocalServerPort
	int port;

	@Test
	void theDevelopmentValuesAreInUse() {
		Http http = new Http(port);
		byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba-dev\",\"changes\":[{\"field\":\"account_update\",\"value\":{\"event\":\"PARTNER_ADDED\"}}]}]}"
				.getBytes(StandardCharsets.UTF_8);

		assertThat(http.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=42&hub.verify_token=dev-verify-token")
				.body()).isEqualTo("42");
		assertThat(http.postWebhook(body, Signatures.sign(body, "sandbox-app-secret")).statusCode()).isEqualTo(200);
		// the dev profile seeds the development keys of two tenants and an operator
		assertThat(http.postJson("/api/v1/messages", "{}", "Authorization", "Bearer dev-tenant-a-key").statusCode())
				.isEqualTo(400);
		assertThat(http.postJson("/api/v1/messages", "{}", "Authorization", "Bearer dev-tenant-b-key").statusCode())
				.isEqualTo(400);
		assertThat(http.postJson("/api/v1/messages", "{}", "Authorization", "Bearer dev-ops-key").statusCode())
				.as("the operator key has no messages:send").isEqualTo(403);
	}
}

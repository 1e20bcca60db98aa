package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wabaflow.sandbox.webhooks.WebhookSignature;
import io.wabaflow.schemas.Topics;
import io.wabaflow.testsupport.PeerWebhooks;
import tools.jackson.databind.JsonNode;

/**
 * The 84 webhooks other people wrote (test-support's peer-webhooks), each file's exact bytes signed with the app
 * secret and posted to the real ingress as Meta would: every one is accepted (200), every consumer of the webhooks
 * topic (sync, sender, onboarding) reads them without a dead letter or an unparsed body, and the sync worker serves
 * what they say, a username user's BSUID-only message included (the numbers belong to no tenant: an operator
 * reads them).
 */
@ExtendWith(SharedStack.class)
class PeerCorpusIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyFileIsAcceptedByTheIngressAndProjectedWithoutADeadLetter(SystemStack stack) throws Exception {
		long deadBefore = stack.endOffset(Topics.WEBHOOKS.deadLetterTopic());
		long unparsedBefore = stack.endOffset(Topics.UNPARSED_WEBHOOKS.name());
		List<String> refused = new ArrayList<>();
		for (PeerWebhooks.Payload payload : PeerWebhooks.all()) {
			HttpResponse<String> answer = post(stack, payload.bytes());
			if (answer.statusCode() != 200) {
				refused.add(payload.name() + " " + answer.statusCode() + " " + answer.body());
			}
		}
		assertThat(refused).as("webhooks the ingress did not accept").isEmpty();

		stack.awaitEveryConsumerCaughtUp(Topics.WEBHOOKS.name(), Duration.ofMinutes(2));
		assertThat(stack.endOffset(Topics.WEBHOOKS.deadLetterTopic())).as("dead letters").isEqualTo(deadBefore);
		assertThat(stack.endOffset(Topics.UNPARSED_WEBHOOKS.name())).as("unparsed bodies").isEqualTo(unparsedBefore);

		// 006: a username user writes with a business-scoped user id only; the message is in a conversation
		Api operator = new Api("dev-ops-key");
		String number = "106540352242922";
		JsonNode conversations = operator.read(stack.url(Service.SYNC) + "/api/v1/phone-numbers/" + number
				+ "/conversations?limit=200");
		List<String> messages = new ArrayList<>();
		for (JsonNode conversation : conversations.path("items")) {
			operator.read(stack.url(Service.SYNC) + "/api/v1/conversations/" + conversation.path("id").asString()
					+ "/messages?limit=200").path("items").forEach(message -> messages.add(message.path("id").asString()));
		}
		assertThat(messages).contains("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
		// 067: a field nothing models is kept and served
		assertThat(operator.read(stack.url(Service.SYNC) + "/api/v1/phone-numbers/" + number
				+ "/webhook-events?field=user_preferences").path("items").size()).isPositive();
	}

	private HttpResponse<String> post(SystemStack stack, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.INGRESS) + "/webhooks/whatsapp"))
				.header("Content-Type", "application/json")
				.header(WebhookSignature.HEADER, WebhookSignature.sign(stack.appSecret(), body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
	}
}

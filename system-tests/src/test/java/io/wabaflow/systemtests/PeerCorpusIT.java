package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
		long deadBefore = endOffsets(stack, Topics.WEBHOOKS.deadLetterTopic());
		long unparsedBefore = endOffsets(stack, Topics.UNPARSED_WEBHOOKS.name());
		List<String> refused = new ArrayList<>();
		for (PeerWebhooks.Payload payload : PeerWebhooks.all()) {
			HttpResponse<String> answer = post(stack, payload.bytes());
			if (answer.statusCode() != 200) {
				refused.add(payload.name() + " " + answer.statusCode() + " " + answer.body());
			}
		}
		assertThat(refused).as("webhooks the ingress did not accept").isEmpty();

		awaitEveryWebhookConsumer(stack, Duration.ofMinutes(2));
		assertThat(endOffsets(stack, Topics.WEBHOOKS.deadLetterTopic())).as("dead letters").isEqualTo(deadBefore);
		assertThat(endOffsets(stack, Topics.UNPARSED_WEBHOOKS.name())).as("unparsed bodies").isEqualTo(unparsedBefore);

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
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(stack.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		return http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.INGRESS) + "/webhooks/whatsapp"))
				.header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Until every consumer group reading the webhooks topic has committed its end. */
	private static void awaitEveryWebhookConsumer(SystemStack stack, Duration patience) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers()))) {
			await("every consumer of the webhooks topic at its end").atMost(patience).pollInterval(Duration.ofMillis(300))
					.until(() -> webhookLag(admin) == 0);
		}
	}

	private static long webhookLag(Admin admin) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(List.of(Topics.WEBHOOKS.name())).allTopicNames().get().values()
				.forEach(topic -> topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(),
						p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
		long lag = 0;
		List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
		Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get();
		for (String group : groups) {
			if (described.get(group) == null || described.get(group).members().isEmpty()) {
				continue; // nobody consumes for it any more (a retired projection generation, a finished tool)
			}
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			if (committed.keySet().stream().noneMatch(partition -> partition.topic().equals(Topics.WEBHOOKS.name()))) {
				continue; // not a consumer of the webhooks topic
			}
			for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				lag += end.getValue() - (at == null ? 0 : at.offset());
			}
		}
		return lag;
	}

	private static long endOffsets(SystemStack stack, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(topic)).allTopicNames().get().values().forEach(description -> description
					.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
			return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
		}
	}
}

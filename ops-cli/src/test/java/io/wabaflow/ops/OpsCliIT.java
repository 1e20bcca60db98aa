package io.wabaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each ops command against the real broker. */
class OpsCliIT {

	private static final String WEBHOOKS = Topics.WEBHOOKS.name();

	@BeforeAll
	static void topics() throws InterruptedException {
		Cli.createCatalogueTopics();
	}

	@Test
	void topicsShowsEveryCatalogueTopicWithEndOffsetsAndTheLagOfEachGroup() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		RecordMetadata first = send(WEBHOOKS, key, change("a"), null);
		send(WEBHOOKS, key, change("b"), null);
		send(WEBHOOKS, key, change("c"), null);
		String group = "ops-it-" + UUID.randomUUID();
		commit(group, new TopicPartition(WEBHOOKS, first.partition()), first.offset() + 1);

		Cli.Result result = Cli.run("topics");

		assertThat(result.exitCode()).isZero();
		for (var spec : Topics.ALL) {
			assertThat(result.out()).contains(spec.name(), spec.deadLetterTopic());
		}
		assertThat(result.out()).containsPattern("wabaflow.webhooks.v1\\s+6\\s+\\d+\\s+phone_number_id");
		assertThat(result.out()).contains("group " + group).containsPattern(group + "\\s+lag 2");
	}

	@Test
	void tailPrintsRecordsDecodedFromAvroWithTheirHeaders() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		RecordHeaders headers = new RecordHeaders();
		headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
		send(WEBHOOKS, key, change("first"), headers);
		send(WEBHOOKS, key, change("second"), null);
		send(WEBHOOKS, "other-" + UUID.randomUUID(), change("not-mine"), null);

		Cli.Result all = Cli.run("tail", WEBHOOKS, "--from-beginning", "--key", key);
		Cli.Result limited = Cli.run("tail", WEBHOOKS, "--since", "10m", "--key", key, "--limit", "1");

		List<JsonNode> lines = json(all);
		assertThat(lines).extracting(l -> l.at("/value/event_id").asString()).containsExactly("first", "second");
		assertThat(lines.get(0).at("/value/@type").asString()).isEqualTo(WebhookChange.class.getName());
		assertThat(lines.get(0).at("/value/value_json").asString()).isEqualTo("{\"text\":\"ol\\u00e1\"}");
		assertThat(lines.get(0).at("/headers/trace").asString()).isEqualTo("t-1");
		assertThat(lines.get(0).at("/key").asString()).isEqualTo(key);
		assertThat(json(limited)).hasSize(1);
	}

	@Test
	void tailShowsUndecodableBytesAsTheyAre() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		send(Topics.WEBHOOKS.deadLetterTopic(), key, "{not avro".getBytes(StandardCharsets.UTF_8), null);

		List<JsonNode> lines = json(Cli.run("tail", Topics.WEBHOOKS.deadLetterTopic(), "--from-beginning", "--key", key));

		assertThat(lines).singleElement().satisfies(line -> {
			assertThat(line.at("/value/bytes").asString()).isEqualTo("{not avro");
			assertThat(line.at("/value/@undecodable").asString()).contains("C3 01");
		});
	}

	@Test
	void replayIsADryRunUntilExecutedAndThenRewindsTheGroup() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		RecordMetadata sent = send(WEBHOOKS, key, change("r"), null);
		TopicPartition partition = new TopicPartition(WEBHOOKS, sent.partition());
		String group = "ops-replay-" + UUID.randomUUID();
		commit(group, partition, sent.offset() + 1);

		Cli.Result dryRun = Cli.run("replay", "--group", group, "--to-earliest");

		assertThat(dryRun.exitCode()).isZero();
		assertThat(dryRun.out()).contains("dry run").contains(WEBHOOKS + "-" + sent.partition() + ": " + (sent.offset() + 1) + " -> 0");
		assertThat(committed(group, partition)).isEqualTo(sent.offset() + 1);

		Cli.Result executed = Cli.run("replay", "--group", group, "--to-earliest", "--execute");

		assertThat(executed.exitCode()).isZero();
		assertThat(committed(group, partition)).isZero();

		Cli.Result again = Cli.run("replay", "--group", group, "--to-earliest", "--execute");
		assertThat(again.exitCode()).isZero();
		assertThat(committed(group, partition)).isZero();
	}

	@Test
	void replayByDurationOnlyGoesBackToRecordsOfThatPeriod() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		RecordMetadata sent = send(WEBHOOKS, key, change("d"), null);
		TopicPartition partition = new TopicPartition(WEBHOOKS, sent.partition());
		String group = "ops-duration-" + UUID.randomUUID();
		commit(group, partition, sent.offset() + 1);

		Cli.Result future = Cli.run("replay", "--group", group, "--to-datetime", Instant.now().plusSeconds(3600).toString(),
				"--execute");

		assertThat(future.exitCode()).isZero();
		assertThat(committed(group, partition)).isEqualTo(sent.offset() + 1); // nothing after that instant

		assertThat(Cli.run("replay", "--group", group, "--by-duration", "1h", "--execute").exitCode()).isZero();
		assertThat(committed(group, partition)).isLessThanOrEqualTo(sent.offset());
	}

	@Test
	void replayRefusesSideEffectingGroupsWithoutIKnowAndGroupsWithLiveMembers() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		RecordMetadata sent = send(WEBHOOKS, key, change("s"), null);
		TopicPartition partition = new TopicPartition(WEBHOOKS, sent.partition());
		String sender = "wabaflow-sender-" + UUID.randomUUID();
		commit(sender, partition, sent.offset() + 1);

		Cli.Result refused = Cli.run("replay", "--group", sender, "--to-earliest", "--execute");

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("--i-know");
		assertThat(committed(sender, partition)).isEqualTo(sent.offset() + 1);
		assertThat(Cli.run("replay", "--group", sender, "--to-earliest", "--execute", "--i-know").exitCode()).isZero();

		String live = "ops-live-" + UUID.randomUUID();
		try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, live, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			member.subscribe(List.of(WEBHOOKS));
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				member.poll(Duration.ofMillis(100));
				return !member.assignment().isEmpty();
			});
			member.commitSync();

			Cli.Result busy = Cli.run("replay", "--group", live, "--to-earliest", "--execute");

			assertThat(busy.exitCode()).isEqualTo(2);
			assertThat(busy.err()).contains("live member");
		}
	}

	@Test
	void dltRedriveRepublishesEachDeadLetterOnceToItsOriginalTopic() throws Exception {
		String dlt = Topics.SEND_COMMANDS.deadLetterTopic();
		String key = "pn-" + UUID.randomUUID();
		send(dlt, key, "payload-1".getBytes(StandardCharsets.UTF_8),
				dltHeaders(Topics.SEND_COMMANDS.name(), "org.springframework.kafka.support.serializer.DeserializationException"));
		send(dlt, key, "payload-2".getBytes(StandardCharsets.UTF_8),
				dltHeaders(Topics.SEND_COMMANDS.name(), "java.lang.IllegalStateException"));

		Cli.Result list = Cli.run("dlt", "list", dlt, "--filter", "key=" + key);
		assertThat(list.out()).contains("2 dead letter(s)").contains("from " + Topics.SEND_COMMANDS.name());

		Cli.Result dryRun = Cli.run("dlt", "redrive", dlt, "--filter", "key=" + key, "--filter", "exception=deserialization");
		assertThat(dryRun.out()).contains("1 dead letter(s) to re-drive").contains("Dry run");
		assertThat(valuesOnTopicWithKey(Topics.SEND_COMMANDS.name(), key)).isEmpty();

		Cli.Result redriven = Cli.run("dlt", "redrive", dlt, "--filter", "key=" + key, "--filter",
				"exception=deserialization", "--execute");
		Cli.Result repeated = Cli.run("dlt", "redrive", dlt, "--filter", "key=" + key, "--execute");

		assertThat(redriven.exitCode()).isZero();
		assertThat(redriven.out()).contains("1 dead letter(s) re-driven");
		assertThat(repeated.out()).contains("1 dead letter(s) re-driven, 1 already re-driven before");
		assertThat(valuesOnTopicWithKey(Topics.SEND_COMMANDS.name(), key)).containsExactlyInAnyOrder("payload-1", "payload-2");
		assertThat(Cli.run("dlt", "redrive", dlt, "--filter", "key=" + key, "--execute").out())
				.contains("0 dead letter(s) re-driven, 2 already re-driven before");
		assertThat(Cli.run("dlt", "list", dlt, "--filter", "key=" + key).out()).contains("[re-driven]");
	}

	@Test
	void redriveUnparsedPublishesWhatTheCurrentParserReadsOnceAndKeepsTheRest() throws Exception {
		String phone = "pn-" + UUID.randomUUID();
		String envelope = """
				{"object":"whatsapp_business_account","entry":[{"id":"waba-9","changes":[
				 {"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},"statuses":[{"id":"wamid.1","status":"sent"}]}},
				 {"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},"statuses":[{"id":"wamid.1","status":"read"}]}}]}]}
				""".formatted(phone, phone);
		Instant receivedAt = Instant.parse("2026-11-20T08:00:00Z");
		send(Topics.UNPARSED_WEBHOOKS.name(), "u-" + phone, unparsed("fixed-" + phone, envelope, receivedAt), null);
		send(Topics.UNPARSED_WEBHOOKS.name(), "g-" + phone, unparsed("garbage-" + phone, "<html>", receivedAt), null);

		Cli.Result dryRun = Cli.run("webhooks", "redrive-unparsed");

		assertThat(dryRun.out()).contains("would publish").contains("(fixed-" + phone + ") -> 2 change(s)")
				.contains("still unparseable").contains("garbage-" + phone).contains("Dry run");
		assertThat(json(Cli.run("tail", WEBHOOKS, "--from-beginning", "--key", phone))).isEmpty();

		Cli.Result executed = Cli.run("webhooks", "redrive-unparsed", "--execute");
		Cli.Result repeated = Cli.run("webhooks", "redrive-unparsed", "--execute");

		assertThat(executed.out()).contains("publish ").contains("(fixed-" + phone + ") -> 2 change(s)");
		assertThat(repeated.out()).doesNotContain("fixed-" + phone).contains("still unparseable");
		List<JsonNode> published = json(Cli.run("tail", WEBHOOKS, "--from-beginning", "--key", phone));
		assertThat(published).hasSize(2).allSatisfy(line -> {
			assertThat(line.at("/value/phone_number_id").asString()).isEqualTo(phone);
			assertThat(line.at("/value/received_at").asString()).isEqualTo(receivedAt.toString());
			assertThat(line.at("/headers/wabaflow-redriven-from").asString()).startsWith(Topics.UNPARSED_WEBHOOKS.name() + "/");
		});
		assertThat(published).extracting(line -> line.at("/value/event_id").asString()).doesNotHaveDuplicates();
	}

	private static byte[] unparsed(String eventId, String body, Instant receivedAt) {
		return new AvroSerializer().serialize(Topics.UNPARSED_WEBHOOKS.name(), io.wabaflow.schemas.webhook.UnparsedWebhook
				.newBuilder().setEventId(eventId).setBody(java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
				.setReason("test").setReceivedAt(receivedAt).build());
	}

	private static List<String> valuesOnTopicWithKey(String topic, String key) {
		List<String> values = new ArrayList<>();
		Cli.Result tail = Cli.run("tail", topic, "--from-beginning", "--key", key, "--limit", "100");
		for (JsonNode line : json(tail)) {
			assertThat(line.at("/headers/wabaflow-redriven-from").asString()).startsWith(topic + ".dlt/");
			assertThat(line.at("/headers").has("kafka_dlt-original-topic")).isFalse();
			values.add(line.at("/value/bytes").asString());
		}
		return values;
	}

	private static RecordHeaders dltHeaders(String originalTopic, String exception) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-fqcn", exception.getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-message", "boom".getBytes(StandardCharsets.UTF_8));
		headers.add("wabaflow-dlt-reason", (exception + ": boom").getBytes(StandardCharsets.UTF_8));
		headers.add("trace", "kept".getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static List<JsonNode> json(Cli.Result result) {
		assertThat(result.exitCode()).as(result.err()).isZero();
		return result.lines().stream().map(line -> JsonMapper.builder().build().readTree(line)).toList();
	}

	private static byte[] change(String eventId) {
		return new AvroSerializer().serialize(WEBHOOKS, WebhookChange.newBuilder().setEventId(eventId)
				.setWabaId("waba-1").setField("messages").setValueJson("{\"text\":\"ol\\u00e1\"}")
				.setReceivedAt(Instant.now()).build());
	}

	private static RecordMetadata send(String topic, String key, byte[] value, RecordHeaders headers) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			return producer.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value,
					headers)).get();
		}
	}

	private static void commit(String group, TopicPartition partition, long offset) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset))).all().get();
		}
	}

	private static long committed(String group, TopicPartition partition) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition).offset();
		}
	}
}

package io.wabaflow.platform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import io.wabaflow.platform.kafka.DeadLetters;
import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.testsupport.RealInfrastructure;
import io.wabaflow.testsupport.TestKafka;
import io.wabaflow.testsupport.TestPostgres;

/** The platform's conventions on the real broker and the real PostgreSQL. */
@SpringBootTest
@RealInfrastructure
class PlatformIT {

	@Autowired
	Jdbi jdbi;

	@Autowired
	KafkaTemplate<String, Object> template;

	@Autowired
	PlatformTestApplication.RecordingListener listener;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	record Greeting(long id, String text, Instant createdAt) {
	}

	@Test
	void flywayMigratesTheServiceSchemaAndJdbiQueriesIt() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO greeting (id, text, created_at) VALUES (:id, :text, :createdAt)
				""").bind("id", 1L).bind("text", "olá ✅").bind("createdAt", now).execute());
		List<Greeting> greetings = jdbi.withHandle(handle -> handle
				.createQuery("SELECT id, text, created_at FROM greeting")
				.map((rs, ctx) -> new Greeting(rs.getLong("id"), rs.getString("text"),
						rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
				.list());
		String schema = jdbi.withHandle(handle -> handle.createQuery("SELECT current_schema()").mapTo(String.class).one());

		assertThat(greetings).containsExactly(new Greeting(1L, "olá ✅", now));
		assertThat(schema).isEqualTo("platform_it");
		System.out.printf("Flyway migrated schema %s and Jdbi read it back on the %s PostgreSQL%n", schema,
				TestPostgres.kind());
	}

	@Test
	void everyCatalogueTopicAndItsDeadLetterTopicExist() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> names = admin.listTopics().names().get();
			for (TopicSpec spec : Topics.ALL) {
				assertThat(names).contains(spec.name(), spec.deadLetterTopic());
			}
			int partitions = admin.describeTopics(List.of(Topics.WEBHOOKS.name())).allTopicNames().get()
					.get(Topics.WEBHOOKS.name()).partitions().size();
			assertThat(partitions).isEqualTo(Topics.WEBHOOKS.partitions());
		}
	}

	@Test
	void anUndecodableRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerMovesOn() throws Exception {
		String key = "pn-" + UUID.randomUUID();
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), key, garbage)).get();
		}
		String after = "after-garbage-" + UUID.randomUUID();
		template.send(Topics.WEBHOOKS.name(), key, change(after)).get();

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.WEBHOOKS.deadLetterTopic(), key);

		assertThat(dead.value()).isEqualTo(garbage);
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
		assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.WEBHOOKS.name());
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)).isNotNull();
		assertThat(header(dead, DeadLetters.REASON_HEADER)).contains("C3 01");
		await().atMost(Duration.ofSeconds(30)).until(() -> listener.processed.contains(after));
	}

	@Test
	void aPoisonRecordIsDeadLetteredAtOnceAndAFlakyOneIsRetriedUntilItSucceeds() throws Exception {
		String poison = "poison-" + UUID.randomUUID();
		String flaky = "flaky-" + UUID.randomUUID();
		template.send(Topics.WEBHOOKS.name(), poison, change(poison)).get();
		template.send(Topics.WEBHOOKS.name(), flaky, change(flaky)).get();

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.WEBHOOKS.deadLetterTopic(), poison);

		assertThat(header(dead, DeadLetters.REASON_HEADER))
				.isEqualTo("PoisonRecordException: event " + poison + " can never be processed");
		assertThat(listener.attempts.get(poison).get()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> listener.processed.contains(flaky));
		assertThat(listener.attempts.get(flaky).get()).isEqualTo(3);
	}

	@Test
	void aRecordThatFailsBecauseTheDatabaseIsAwayWaitsForItBeyondTheRetriesAndIsNeverDeadLettered() throws Exception {
		String waiting = "database-away-" + UUID.randomUUID();
		template.send(Topics.WEBHOOKS.name(), waiting, change(waiting)).get();

		await().atMost(Duration.ofSeconds(60)).until(() -> listener.processed.contains(waiting));

		assertThat(listener.attempts.get(waiting).get()).as("six failed attempts, twice the 3 retries, then success")
				.isEqualTo(7);
	}

	@Test
	void aRecordThatKeepsFailingIsDeadLetteredAfterItsRetries() throws Exception {
		String broken = "broken-" + UUID.randomUUID();
		template.send(Topics.WEBHOOKS.name(), broken, change(broken)).get();

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.WEBHOOKS.deadLetterTopic(), broken);

		assertThat(header(dead, DeadLetters.REASON_HEADER)).startsWith("IllegalStateException: still broken");
		assertThat(listener.attempts.get(broken).get()).isEqualTo(4); // first attempt + 3 retries
	}

	private static WebhookChange change(String eventId) {
		return WebhookChange.newBuilder().setEventId(eventId).setWabaId("waba-1").setField("messages")
				.setValueJson("{}").setReceivedAt(Instant.now()).build();
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (key.equals(r.key())) {
						found.add(r);
					}
				});
				return !found.isEmpty();
			});
		}
		return found.get(0);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}

package io.wabaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sync.SyncWorkerApplication;
import io.wabaflow.testsupport.TestKafka;
import io.wabaflow.testsupport.TestPostgres;

/**
 * The ops commands on the sync worker's projections, with the real worker: replaying its group from the
 * beginning, and rebuilding through it, both give tables identical to those it had.
 */
class SyncReplayAndRebuildIT {

	private static final String API_KEY = "ops-it-key";

	private static final List<String> SOURCES = List.of(Topics.WEBHOOKS.name(), Topics.MESSAGE_EVENTS.name(),
			Topics.PHONE_NUMBERS.name());

	private static TestPostgres.TestDatabase database;

	private ConfigurableApplicationContext sync;

	@BeforeAll
	static void infrastructure() throws InterruptedException {
		// the CLI logs through slf4j-simple; Boot must not insist on configuring Logback in this JVM
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		Cli.createCatalogueTopics();
		database = TestPostgres.newDatabase("ops_sync");
	}

	@AfterEach
	void stopSync() {
		if (sync != null) {
			sync.close();
		}
	}

	@Test
	void replayingTheSyncGroupFromTheBeginningGivesIdenticalProjections() throws Exception {
		produceConversation("pn-replay-" + UUID.randomUUID());
		sync = startSync();
		Generation before = awaitCaughtUp();
		Map<String, String> tables = fingerprints(before.schema());
		assertThat(tables.get("messages")).isNotEqualTo("0:");
		sync.close();
		sync = null;

		Cli.Result replay = Cli.run("replay", "--group", before.group(), "--to-earliest", "--execute");

		assertThat(replay.exitCode()).as(replay.err()).isZero();
		assertThat(replay.out()).containsPattern("[1-9]\\d* records would be re-read in total");
		assertThat(committedTotal(before.group())).isZero();
		sync = startSync();
		Generation after = awaitCaughtUp();
		assertThat(after).isEqualTo(before);
		assertThat(fingerprints(after.schema())).isEqualTo(tables);
	}

	@Test
	void aLiveSyncGroupIsReplayedOnlyByHoldingItsConsumersThroughTheService() throws Exception {
		produceConversation("pn-hold-" + UUID.randomUUID());
		sync = startSync();
		Generation before = awaitCaughtUp();
		Map<String, String> tables = fingerprints(before.schema());
		String url = "http://127.0.0.1:" + sync.getEnvironment().getProperty("local.server.port");

		Cli.Result refused = Cli.run("replay", "--group", before.group(), "--to-earliest", "--execute");
		Cli.Result held = Cli.run("replay", "--group", before.group(), "--to-earliest", "--execute", "--stop-via", url,
				"--api-key", API_KEY);

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("live member").contains("--stop-via");
		assertThat(held.exitCode()).as(held.err()).isZero();
		assertThat(held.out()).contains("Holding the consumers of " + before.group())
				.containsPattern("Reset \\d+ partition\\(s\\)").contains("Released the consumers");
		Generation after = awaitCaughtUp();
		assertThat(after).isEqualTo(before);
		assertThat(fingerprints(after.schema())).isEqualTo(tables);
	}

	@Test
	void rebuildSyncProjectionsBuildsANewGenerationIdenticalToTheServedOne() throws Exception {
		produceConversation("pn-rebuild-" + UUID.randomUUID());
		sync = startSync();
		Generation served = awaitCaughtUp();
		Map<String, String> tables = fingerprints(served.schema());
		String url = "http://127.0.0.1:" + sync.getEnvironment().getProperty("local.server.port");

		Cli.Result refused = Cli.run("rebuild", "sync-projections", "--sync-url", url, "--api-key", "wrong");
		Cli.Result rebuilt = Cli.run("rebuild", "sync-projections", "--sync-url", url, "--api-key", API_KEY,
				"--poll-interval", "200ms");

		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("refused the API key");
		assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
		assertThat(rebuilt.out()).contains("Rebuilding as generation " + (served.number() + 1))
				.contains("Generation " + (served.number() + 1) + " is active");
		Generation active = activeGeneration();
		assertThat(active.number()).isEqualTo(served.number() + 1);
		assertThat(fingerprints(active.schema())).isEqualTo(tables);
	}

	private ConfigurableApplicationContext startSync() {
		return new SpringApplicationBuilder(SyncWorkerApplication.class).bannerMode(Banner.Mode.OFF).run(
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				// an operator key with admin, written to the key topic at start-up
				"--wabaflow.api.seed-keys[0].key=" + API_KEY, "--wabaflow.api.seed-keys[0].tenant=",
				"--wabaflow.api.seed-keys[0].scopes=admin,read",
				"--wabaflow.sync.supervisor-interval-ms=100");
	}

	record Generation(int number, String schema, String group) {
	}

	private Generation activeGeneration() {
		return jdbi().withHandle(handle -> handle.createQuery("""
				SELECT generation, schema_name, group_id FROM sync.projection_generations WHERE state = 'active'
				""").map((rs, ctx) -> new Generation(rs.getInt(1), rs.getString(2), rs.getString(3))).findOne().orElse(null));
	}

	/** The active generation, once its group has read every source record there is. */
	private Generation awaitCaughtUp() {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			Generation active = activeGeneration();
			return active != null && lag(active.group()) == 0 ? active : null;
		}, generation -> generation != null);
	}

	private static long lag(String group) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			Map<TopicPartition, OffsetSpec> query = new LinkedHashMap<>();
			for (String topic : SOURCES) {
				for (int p = 0; p < Topics.find(topic).orElseThrow().partitions(); p++) {
					query.put(new TopicPartition(topic, p), OffsetSpec.latest());
				}
			}
			long lag = 0;
			for (var entry : admin.listOffsets(query).all().get().entrySet()) {
				OffsetAndMetadata done = committed.get(entry.getKey());
				lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
			}
			return lag;
		}
	}

	private static long committedTotal(String group) throws Exception {
		try (Admin admin = admin()) {
			return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
					.mapToLong(OffsetAndMetadata::offset).sum();
		}
	}

	/** Per table of the schema: row count and an MD5 of every row's text, in a fixed order. */
	private Map<String, String> fingerprints(String schema) {
		return jdbi().withHandle(handle -> {
			Map<String, String> result = new LinkedHashMap<>();
			List<String> tables = handle.createQuery("""
					SELECT table_name FROM information_schema.tables WHERE table_schema = :schema ORDER BY table_name
					""").bind("schema", schema).mapTo(String.class).list();
			for (String table : tables) {
				if (table.startsWith("flyway")) {
					continue;
				}
				result.put(table, handle.createQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
						+ schema + "." + table + " t").mapTo(String.class).one());
			}
			return result;
		});
	}

	private Jdbi jdbi() {
		DataSource dataSource = database.dataSource();
		return Jdbi.create(dataSource);
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
	}

	/** Ten messages from one user and the statuses of a reply: what a short conversation leaves on the topic. */
	private static void produceConversation(String phone) throws Exception {
		AvroSerializer avro = new AvroSerializer();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(),
				new org.apache.kafka.common.serialization.ByteArraySerializer())) {
			for (int i = 0; i < 10; i++) {
				String value = """
						{"messaging_product":"whatsapp","metadata":{"display_phone_number":"5511400028922","phone_number_id":"%s"},
						 "contacts":[{"profile":{"name":"Ana"},"wa_id":"5511987654321"}],
						 "messages":[{"from":"5511987654321","id":"wamid.%s-%d","timestamp":"%d","type":"text","text":{"body":"msg %d"}}]}
						""".formatted(phone, phone, i, 1_763_800_000 + i, i);
				send(producer, avro, phone, "in-" + phone + "-" + i, value);
			}
			for (String status : List.of("read", "sent", "delivered")) {
				String value = """
						{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
						 "statuses":[{"id":"wamid.out-%s","status":"%s","timestamp":"1763800100","recipient_id":"5511987654321"}]}
						""".formatted(phone, phone, status);
				send(producer, avro, phone, "st-" + phone + "-" + status, value);
			}
		}
	}

	private static void send(KafkaProducer<String, byte[]> producer, AvroSerializer avro, String phone, String eventId,
			String valueJson) throws Exception {
		SpecificRecord change = WebhookChange.newBuilder().setEventId(eventId).setWabaId("waba-ops").setField("messages")
				.setPhoneNumberId(phone).setValueJson(valueJson).setReceivedAt(Instant.now()).build();
		producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), phone, avro.serialize(Topics.WEBHOOKS.name(), change)))
				.get();
	}
}

package io.wabaflow.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroDeserializer;
import io.wabaflow.sync.SyncWorkerApplication;
import io.wabaflow.testsupport.TestPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Events per second from the topics into the projection, and the time to rebuild the projection from a million
 * events. The sync worker runs as in production; its live consumers are held while the events are produced, then
 * released, so the figure is the projection's own pace on a backlog (not the producer's). The rebuild then replays
 * everything into a fresh generation (blue/green) until it serves reads. Anchors from the same run: a plain Kafka
 * consumer reading and decoding the same records, and one PostgreSQL connection upserting new rows with the
 * worker's kind of statement ({@code INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE}).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
		description = "Events/s from topic to projection and the time to rebuild from 1,000,000 events")
final class SyncBenchmark implements Callable<Integer> {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final List<String> SOURCES = List.of(Topics.WEBHOOKS.name(), Topics.MESSAGE_EVENTS.name(),
			Topics.PHONE_NUMBERS.name());

	@Option(names = "--events", defaultValue = "1000000", description = "events on the topics (default ${DEFAULT-VALUE})")
	long events;

	@Option(names = "--contacts-per-number", defaultValue = "200", description = "default ${DEFAULT-VALUE}")
	int contactsPerNumber;

	@Option(names = "--upsert-rows", defaultValue = "500000",
			description = "rows of the single-connection upsert anchor (default ${DEFAULT-VALUE})")
	int upsertRows;

	@Option(names = "--timeout", defaultValue = "PT20M", description = "give up waiting after (default ${DEFAULT-VALUE})")
	Duration timeout;

	@Override
	public Integer call() throws Exception {
		Report.title("sync", "%,d events (%d per conversation, %d conversations per number) from topic to projection, and a rebuild"
				.formatted(events, SyncEvents.PER_CONTACT, contactsPerNumber));
		try (Stack stack = new Stack(); Kafka kafka = new Kafka()) {
			Report.line("infrastructure: %s", stack.infrastructure());
			ConfigurableApplicationContext worker = stack.service(SyncWorkerApplication.class);
			RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + Stack.port(worker))
					.defaultHeader("Authorization", "Bearer " + Stack.API_KEY).build();
			await("generation 1 to serve", () -> activeGeneration(http) != null, 500);
			Map<String, Object> live = activeGeneration(http);
			String group = (String) live.get("group_id");
			long before = Kafka.sum(kafka.endOffsets(SOURCES));

			http.put().uri("/admin/consumers/{group}/hold", group).retrieve().toBodilessEntity();
			long produceStart = System.nanoTime();
			long produced;
			try (KafkaProducer<String, SpecificRecord> producer = Kafka.producer()) {
				produced = new SyncEvents(contactsPerNumber).generate(events, producer::send);
				producer.flush();
			}
			long produceNanos = System.nanoTime() - produceStart;
			Map<TopicPartition, Long> ends = kafka.endOffsets(SOURCES);
			long backlog = Kafka.sum(ends) - before;
			Report.line("produced %,d events in %.1f s (%,.0f/s, generation included) while generation %s was held",
					produced, produceNanos / 1e9, Rates.perSecond(produced, produceNanos), live.get("generation"));

			long liveStart = System.nanoTime();
			http.delete().uri("/admin/consumers/{group}/hold", group).retrieve().toBodilessEntity();
			await("the live generation to catch up", () -> kafka.caughtUp(group, ends));
			Report.line("live generation caught up after %.1f s", (System.nanoTime() - liveStart) / 1e9);
			long liveNanos = System.nanoTime() - liveStart;

			long total = Kafka.sum(ends);
			int previous = ((Number) live.get("generation")).intValue();
			long rebuildStart = System.nanoTime();
			Map<String, Object> started = http.post().uri("/admin/projections/rebuild").retrieve().body(JSON);
			@SuppressWarnings("unchecked")
			String building = (String) ((Map<String, Object>) started.get("building")).get("group_id");
			// the broker says when the new generation has read everything; the worker's status is asked only
			// for the switch, twice a second
			await("the rebuilding generation to catch up", () -> kafka.caughtUp(building, ends));
			Report.line("rebuilding generation caught up after %.1f s", (System.nanoTime() - rebuildStart) / 1e9);
			await("the rebuilt generation to serve", () -> {
				Map<String, Object> active = activeGeneration(http);
				return active != null && ((Number) active.get("generation")).intValue() > previous;
			}, 500);
			long rebuildNanos = System.nanoTime() - rebuildStart;
			Map<String, Object> rebuilt = activeGeneration(http);

			double consumerAnchor = consumeAll(total);
			String upsertAnchor = upsertAnchor();

			Report.figure("sync", "live projection: %,d events from topic to projection in %.1f s = %,.0f events/s (%s consumers)"
					.formatted(backlog, liveNanos / 1e9, Rates.perSecond(backlog, liveNanos),
							worker.getEnvironment().getProperty("wabaflow.sync.concurrency", "?")));
			Report.figure("sync", "rebuild: %,d events into generation %s in %.1f s = %,.0f events/s (until it serves reads)"
					.formatted(total, rebuilt.get("generation"), rebuildNanos / 1e9, Rates.perSecond(total, rebuildNanos)));
			Report.line("  rows of the rebuilt generation (PostgreSQL's estimate): %s", rebuilt.get("estimated_rows"));
			Report.anchor("Kafka consumer alone, same records, Avro decoded: %,.0f records/s".formatted(consumerAnchor));
			Report.anchor("PostgreSQL, one connection, multi-row upsert of new rows: " + upsertAnchor);
		}
		return 0;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> activeGeneration(RestClient http) {
		return (Map<String, Object>) http.get().uri("/admin/projections/rebuild").retrieve().body(JSON).get("active");
	}

	private void await(String what, BooleanSupplier condition) throws InterruptedException {
		await(what, condition, 100);
	}

	private void await(String what, BooleanSupplier condition, long everyMillis) throws InterruptedException {
		Polling.await(what, condition, timeout, everyMillis);
	}

	/** Reads every record of the source topics with a fresh group, decoding each value as the worker does. */
	private static double consumeAll(long total) {
		try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(),
				ConsumerConfig.GROUP_ID_CONFIG, "benchmarks-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new AvroDeserializer())) {
			consumer.subscribe(SOURCES);
			long read = 0;
			long start = 0;
			while (read < total) {
				ConsumerRecords<String, SpecificRecord> records = consumer.poll(Duration.ofSeconds(1));
				if (start == 0 && !records.isEmpty()) {
					start = System.nanoTime(); // from the first fetched batch: the group join is not reading
				}
				read += records.count();
			}
			return Rates.perSecond(read, System.nanoTime() - start);
		}
	}

	/**
	 * One connection upserting new rows in transactions of 2,000 (the worker's poll size), each one statement over
	 * arrays — the ceiling of what one of the worker's consumers could write if it did nothing else.
	 */
	private String upsertAnchor() throws SQLException {
		TestPostgres.TestDatabase database = TestPostgres.newDatabase("bench_upsert");
		try (Connection connection = database.dataSource().getConnection()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("""
						CREATE TABLE messages (phone_number_id text NOT NULL, message_id text NOT NULL, contact_wa_id text,
						  direction text, type text, content_json text, sent_at timestamptz, body_rank int, body_hash text,
						  PRIMARY KEY (phone_number_id, message_id))""");
			}
			connection.setAutoCommit(false);
			int batch = 2_000;
			long start = System.nanoTime();
			try (PreparedStatement upsert = connection.prepareStatement("""
					INSERT INTO messages SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
					  ?::text[], ?::timestamptz[], ?::int[], ?::text[])
					ON CONFLICT (phone_number_id, message_id) DO UPDATE SET type = excluded.type,
					  content_json = excluded.content_json, body_rank = excluded.body_rank, body_hash = excluded.body_hash
					WHERE (messages.body_rank, messages.body_hash) < (excluded.body_rank, excluded.body_hash)""")) {
				for (int from = 0; from < upsertRows; from += batch) {
					int size = Math.min(batch, upsertRows - from);
					String[] phone = new String[size], id = new String[size], wa = new String[size], direction = new String[size],
							type = new String[size], content = new String[size], hash = new String[size];
					Timestamp[] at = new Timestamp[size];
					Integer[] rank = new Integer[size];
					for (int i = 0; i < size; i++) {
						int n = from + i;
						phone[i] = "10654035224" + (n % 500);
						id[i] = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQjc3" + n;
						wa[i] = "5511" + (900_000_000 + n % 200_000);
						direction[i] = "inbound";
						type[i] = "text";
						content[i] = "{\"body\":\"Olá, o pedido " + n + " já saiu?\"}";
						at[i] = Timestamp.from(Instant.ofEpochSecond(1_783_000_000L + n));
						rank[i] = 3;
						hash[i] = Integer.toHexString(content[i].hashCode());
					}
					bind(connection, upsert, 1, "text", phone);
					bind(connection, upsert, 2, "text", id);
					bind(connection, upsert, 3, "text", wa);
					bind(connection, upsert, 4, "text", direction);
					bind(connection, upsert, 5, "text", type);
					bind(connection, upsert, 6, "text", content);
					bind(connection, upsert, 7, "timestamptz", at);
					bind(connection, upsert, 8, "int4", rank);
					bind(connection, upsert, 9, "text", hash);
					upsert.executeUpdate();
					connection.commit();
				}
			}
			long nanos = System.nanoTime() - start;
			return "%,d rows in %.1f s = %,.0f rows/s (9 columns, 2,000 rows per statement and transaction)"
					.formatted(upsertRows, nanos / 1e9, Rates.perSecond(upsertRows, nanos));
		}
	}

	private static void bind(Connection connection, PreparedStatement statement, int index, String type, Object[] values)
			throws SQLException {
		Array array = connection.createArrayOf(type, values);
		statement.setArray(index, array);
	}
}

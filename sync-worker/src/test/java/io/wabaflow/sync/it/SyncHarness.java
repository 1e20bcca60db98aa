package io.wabaflow.sync.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.jdbi.v3.core.Jdbi;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import io.wabaflow.sync.SyncFixtures;
import io.wabaflow.sync.rebuild.Generation;
import io.wabaflow.sync.rebuild.Generations;
import io.wabaflow.sync.rebuild.SourceTopics;
import io.wabaflow.testsupport.TestKafka;

/** What the integration tests share: producing inputs, waiting for the projection, calling the API. */
final class SyncHarness {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/** The key of src/test/resources/application.properties. */
	static final String API_KEY = "sync-it-key";

	final RestClient http;

	final Jdbi jdbi;

	final Generations generations;

	final SourceTopics topics;

	SyncHarness(int port, Jdbi jdbi, Generations generations, SourceTopics topics) {
		this.http = RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader("Authorization", "Bearer " + API_KEY).build();
		this.jdbi = jdbi;
		this.generations = generations;
		this.topics = topics;
	}

	void produce(List<? extends SpecificRecord> records) {
		try (SyncFixtures.Producer producer = new SyncFixtures.Producer(TestKafka.bootstrapServers())) {
			producer.sendAll(records);
		}
	}

	/** Waits until a generation serves reads and has consumed everything on the source topics now. */
	Generation awaitActiveCaughtUp(Duration timeout) {
		Map<String, Long> ends = topics.endOffsets();
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> generations.active()
				.map(active -> caughtUp(ends, topics.committed(active.groupId()))).orElse(false));
		return generations.active().orElseThrow();
	}

	static boolean caughtUp(Map<String, Long> ends, Map<String, Long> committed) {
		return ends.entrySet().stream()
				.allMatch(end -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
	}

	Map<String, Object> get(String path) {
		return http.get().uri(path).retrieve().body(JSON);
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> items(String path) {
		return (List<Map<String, Object>>) get(path).get("items");
	}

	/** Rows of a table in one generation that are not in the other (multiset difference). */
	long rowsOnlyIn(String schema, String otherSchema, String table) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT count(*) FROM (SELECT * FROM %s.%s EXCEPT ALL SELECT * FROM %s.%s) difference
				""".formatted(schema, table, otherSchema, table)).mapTo(Long.class).one());
	}

	long count(String schema, String table) {
		return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM %s.%s".formatted(schema, table))
				.mapTo(Long.class).one());
	}

	/** Rows of a projection table of a generation for one number as JSON text (less the registry's hash). */
	List<String> rows(String schema, String table, String phoneNumberId) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT (to_jsonb(t) - 'version_key')::text AS row FROM %s.%s t WHERE phone_number_id = :pn ORDER BY 1
				""".formatted(schema, table)).bind("pn", phoneNumberId).mapTo(String.class).list());
	}
}

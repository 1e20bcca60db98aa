package io.wabaflow.sync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import io.wabaflow.sync.SyncScenario;
import io.wabaflow.sync.rebuild.Generation;
import io.wabaflow.sync.rebuild.GenerationSchemas;

/**
 * Replay identity: duplicates and any order give the projections of one in-order delivery, and a
 * blue/green rebuild from the topics yields row-for-row identical tables without ever serving a
 * half-built generation.
 */
class ReplayAndRebuildIT extends SyncIntegrationBase {

	private static final Duration CAUGHT_UP = Duration.ofSeconds(120);

	@Test
	void deliveringEverythingTwiceInShuffledOrderGivesTheProjectionsOfOneDeliveryInOrder() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String once = "pn-once-" + suffix;
		String twice = "pn-twce-" + suffix; // same length: the rows compare as text once the id is swapped
		String story = "story-" + suffix;
		long start = 1_781_000_000L;
		List<SpecificRecord> inOrder = SyncScenario.inOrder(once, story, 6, start);
		List<SpecificRecord> messy = SyncScenario.duplicatedAndShuffled(SyncScenario.inOrder(twice, story, 6, start), 42);
		sync.produce(inOrder);
		sync.produce(messy);
		Generation active = sync.awaitActiveCaughtUp(CAUGHT_UP);

		for (String table : GenerationSchemas.TABLES) {
			List<String> expected = sync.rows(active.schemaName(), table, once);
			List<String> actual = new ArrayList<>(sync.rows(active.schemaName(), table, twice).stream()
					.map(row -> row.replace(twice, once)).sorted().toList());
			assertThat(actual).as("table %s", table).isEqualTo(expected.stream().sorted().toList());
			if (!table.equals("history_errors")) {
				assertThat(expected).as("table %s has rows", table).isNotEmpty();
			}
		}
		System.out.printf("Replay identity: %d records in order and %d duplicated and shuffled gave identical rows%n",
				inOrder.size(), messy.size());
	}

	@Test
	void aRebuildAfterTenThousandEventsYieldsRowForRowIdenticalTablesAndNeverServesHalfBuiltData() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		List<SpecificRecord> events = new ArrayList<>();
		for (int n = 0; events.size() < 10_000; n++) {
			List<SpecificRecord> story = SyncScenario.inOrder("pn-rebuild-" + n + "-" + suffix, 20, 1_782_000_000L + n);
			events.addAll(n % 4 == 3 ? SyncScenario.duplicatedAndShuffled(story, n) : story);
		}
		sync.produce(events);
		Generation before = sync.awaitActiveCaughtUp(CAUGHT_UP);
		String sample = "/api/v1/phone-numbers/pn-rebuild-0-" + suffix + "/conversations?limit=200";
		Map<String, Object> servedBefore = sync.get(sample);

		ResponseEntity<Map<String, Object>> started = sync.http.post().uri("/admin/projections/rebuild").retrieve()
				.toEntity(SyncHarness.JSON);
		assertThat(started.getStatusCode().value()).isEqualTo(202);
		Map<?, ?> building = (Map<?, ?>) started.getBody().get("building");
		assertThat(building.get("generation")).isEqualTo(before.number() + 1);
		// every partition of the four source topics: webhooks, message events, the registry, media events
		assertThat((List<?>) building.get("partitions")).hasSize(4 * 6);
		// a second request while building does not start another build
		Integer again = sync.http.post().uri("/admin/projections/rebuild").exchange((request, response) ->
				response.getStatusCode().value());
		assertThat(again).isEqualTo(409);

		// while the new generation is built, reads keep coming from the complete old one
		List<Map<String, Object>> servedDuring = new ArrayList<>();
		await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(50)).until(() -> {
			servedDuring.add(sync.get(sample));
			return generations.active().map(g -> g.number() == before.number() + 1).orElse(false);
		});
		assertThat(servedDuring).allSatisfy(page -> assertThat(page).isEqualTo(servedBefore));
		Generation after = generations.active().orElseThrow();
		assertThat(generations.list().stream().filter(g -> g.number() == before.number()).findFirst().orElseThrow()
				.state()).isEqualTo(Generation.RETIRED);
		sync.awaitActiveCaughtUp(CAUGHT_UP);

		long rows = 0;
		for (String table : GenerationSchemas.TABLES) {
			assertThat(sync.rowsOnlyIn(before.schemaName(), after.schemaName(), table)).as(table).isZero();
			assertThat(sync.rowsOnlyIn(after.schemaName(), before.schemaName(), table)).as(table).isZero();
			assertThat(sync.count(after.schemaName(), table)).as(table).isEqualTo(sync.count(before.schemaName(), table));
			rows += sync.count(after.schemaName(), table);
		}
		assertThat(sync.get(sample)).isEqualTo(servedBefore);
		Map<String, Object> status = sync.get("/admin/projections/rebuild");
		assertThat(((Map<?, ?>) status.get("active")).get("generation")).isEqualTo(after.number());
		assertThat(status.get("building")).isNull();
		System.out.printf("Rebuild: %d events, generation %d -> %d, %d rows in %d tables identical row for row%n",
				events.size(), before.number(), after.number(), rows, GenerationSchemas.TABLES.size());
	}
}

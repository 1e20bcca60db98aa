package io.wabaflow.sync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.sync.SyncProperties;
import io.wabaflow.sync.SyncScenario;
import io.wabaflow.sync.rebuild.Generation;

/**
 * How many events per second the projection absorbs: a rebuild replays every record of the source topics
 * into a fresh generation, from the beginning, on the real broker and database. The figure is printed;
 * the assertion is a low floor so the test is not flaky on a loaded machine.
 */
class ProjectionThroughputIT extends SyncIntegrationBase {

	private static final int EVENTS = Integer.getInteger("sync.throughput.events", 100_000);

	@Autowired
	SyncProperties properties;

	@Test
	void projectsAtLeastSeveralThousandEventsPerSecond() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		List<SpecificRecord> events = new ArrayList<>();
		for (int n = 0; events.size() < EVENTS; n++) {
			events.addAll(SyncScenario.inOrder("pn-load-" + n + "-" + suffix, 50, 1_783_000_000L + n));
		}
		long produceStart = System.nanoTime();
		sync.produce(events);
		double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
		Generation live = sync.awaitActiveCaughtUp(Duration.ofSeconds(300));

		long started = System.nanoTime();
		Map<String, Object> status = sync.http.post().uri("/admin/projections/rebuild").retrieve().body(SyncHarness.JSON);
		// The projection's own rate is read off the new group's committed offsets (committed after each
		// batch is written): from its first commit to its last, without the schema migration, the group join
		// and the switch, which the whole-rebuild time includes.
		ProjectionWindow window = new ProjectionWindow();
		await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(10)).until(() -> {
			generations.building().ifPresent(g -> window.sample(topics.committed(g.groupId())));
			return generations.active().map(g -> g.number() > live.number()).orElse(false);
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		Generation rebuilt = generations.active().orElseThrow();
		long replayed = rebuilt.targetOffsets().values().stream().mapToLong(Long::longValue).sum();
		double perSecond = replayed / seconds;

		System.out.printf("%nTHROUGHPUT: a rebuild projected %,d records (all source topics, %,d of them produced by "
				+ "this test in %.1f s) in %.2f s = %,.0f events/s including the new schema, the group join and the "
				+ "switch; projecting alone: %,d records in %.2f s = %,.0f events/s (%d consumers, %d cores, "
				+ "load average %.1f)%n%n",
				replayed, events.size(), produceSeconds, seconds, perSecond, window.records(), window.seconds(),
				window.perSecond(), properties.concurrency(), Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		assertThat(status).containsKey("building");
		assertThat(replayed).isGreaterThanOrEqualTo(EVENTS);
		assertThat(perSecond).isGreaterThan(2_000);
	}

	/** The first and the last sample of a building group's committed offsets that moved them. */
	private static final class ProjectionWindow {

		private long firstAt;

		private long firstCommitted;

		private long lastAt;

		private long lastCommitted;

		void sample(Map<String, Long> committed) {
			long sum = committed.values().stream().mapToLong(Long::longValue).sum();
			long now = System.nanoTime();
			if (sum > 0 && firstAt == 0) {
				firstAt = now;
				firstCommitted = sum;
			}
			if (sum > lastCommitted) {
				lastAt = now;
				lastCommitted = sum;
			}
		}

		long records() {
			return lastCommitted - firstCommitted;
		}

		double seconds() {
			return (lastAt - firstAt) / 1e9;
		}

		double perSecond() {
			return seconds() > 0 ? records() / seconds() : 0;
		}
	}
}

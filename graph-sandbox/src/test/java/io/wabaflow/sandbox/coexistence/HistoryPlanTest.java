package io.wabaflow.sandbox.coexistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryPlanTest {

	private static final Instant ONBOARDED = Instant.parse("2026-06-01T12:00:00Z");

	@Test
	void phasesCountBackFromOnboarding() {
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofHours(23)))).isZero();
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofDays(1)))).isEqualTo(1);
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofDays(89)))).isEqualTo(1);
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofDays(90)))).isEqualTo(2);
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofDays(180)))).isEqualTo(2);
		assertThat(HistoryPlan.phaseOf(ONBOARDED, ONBOARDED.minus(Duration.ofDays(181)))).isEqualTo(-1);
	}

	@Test
	void chunksEachPhaseNumbersChunksFromOneAndEndsAtProgress100() {
		List<BusinessAppData.HistoryMessage> history = new ArrayList<>();
		history.add(message(0.2));
		history.add(message(0.5));
		history.add(message(0.7));
		history.add(message(10));
		history.add(message(120));
		history.add(message(400)); // older than 180 days: never synced

		List<HistoryPlan.Chunk> chunks = HistoryPlan.chunks(history, ONBOARDED, 2);

		assertThat(chunks).extracting(HistoryPlan.Chunk::phase).containsExactly(0, 0, 1, 2);
		assertThat(chunks).extracting(HistoryPlan.Chunk::chunkOrder).containsExactly(1, 2, 1, 1);
		assertThat(chunks).extracting(HistoryPlan.Chunk::progress).containsExactly(25, 50, 75, 100);
		assertThat(chunks.get(0).messages()).hasSize(2);
		assertThat(chunks.get(1).messages()).hasSize(1);
		// oldest first within a phase
		assertThat(chunks.get(0).messages().get(0).timestamp()).isBefore(chunks.get(0).messages().get(1).timestamp());
	}

	@Test
	void emptyPhasesProduceNoChunks() {
		List<HistoryPlan.Chunk> chunks = HistoryPlan.chunks(List.of(message(100)), ONBOARDED, 50);
		assertThat(chunks).singleElement().satisfies(chunk -> {
			assertThat(chunk.phase()).isEqualTo(2);
			assertThat(chunk.progress()).isEqualTo(100);
		});
		assertThat(HistoryPlan.chunks(List.of(), ONBOARDED, 50)).isEmpty();
	}

	private static BusinessAppData.HistoryMessage message(double daysAgo) {
		return new BusinessAppData.HistoryMessage("5511999990000", false, "wamid." + daysAgo,
				ONBOARDED.minus(Duration.ofMinutes(Math.round(daysAgo * 1440))), "text", null, "READ");
	}
}

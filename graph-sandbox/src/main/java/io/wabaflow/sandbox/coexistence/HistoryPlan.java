package io.wabaflow.sandbox.coexistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a shared history is cut into webhooks [HIST]: messages of the 180 days before onboarding, by phase (0 = day
 * 0-1, 1 = day 1-90, 2 = day 90-180, counted back from onboarding), each phase in chunks numbered from 1, with
 * {@code progress} rising over all chunks to 100 on the last one. Empty phases produce no chunk.
 */
final class HistoryPlan {

	record Chunk(int phase, int chunkOrder, int progress, List<BusinessAppData.HistoryMessage> messages) {
	}

	private HistoryPlan() {
	}

	static int phaseOf(Instant onboardedAt, Instant timestamp) {
		Duration age = Duration.between(timestamp, onboardedAt);
		if (age.compareTo(Duration.ofDays(1)) < 0) {
			return 0;
		}
		if (age.compareTo(Duration.ofDays(90)) < 0) {
			return 1;
		}
		if (age.compareTo(Duration.ofDays(180)) <= 0) {
			return 2;
		}
		return -1;
	}

	static List<Chunk> chunks(List<BusinessAppData.HistoryMessage> history, Instant onboardedAt, int perChunk) {
		List<List<List<BusinessAppData.HistoryMessage>>> phases = new ArrayList<>();
		for (int phase = 0; phase <= 2; phase++) {
			int wanted = phase;
			List<BusinessAppData.HistoryMessage> inPhase = history.stream()
					.filter(message -> phaseOf(onboardedAt, message.timestamp()) == wanted)
					.sorted(Comparator.comparing(BusinessAppData.HistoryMessage::timestamp)).toList();
			List<List<BusinessAppData.HistoryMessage>> cut = new ArrayList<>();
			for (int from = 0; from < inPhase.size(); from += perChunk) {
				cut.add(inPhase.subList(from, Math.min(inPhase.size(), from + perChunk)));
			}
			phases.add(cut);
		}
		int total = phases.stream().mapToInt(List::size).sum();
		List<Chunk> chunks = new ArrayList<>();
		int done = 0;
		for (int phase = 0; phase <= 2; phase++) {
			List<List<BusinessAppData.HistoryMessage>> cut = phases.get(phase);
			for (int i = 0; i < cut.size(); i++) {
				done++;
				chunks.add(new Chunk(phase, i + 1, done == total ? 100 : (int) Math.floor(100.0 * done / total),
						cut.get(i)));
			}
		}
		return chunks;
	}
}

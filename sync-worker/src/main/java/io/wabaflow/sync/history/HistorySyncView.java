package io.wabaflow.sync.history;

import java.time.Instant;
import java.util.List;

/**
 * Where the history sync of a number stands.
 *
 * @param state    {@code not_started} (nothing received), {@code in_progress}, {@code complete}
 *                 (progress 100 reported) or {@code declined} (error 2593109)
 * @param progress the highest progress (0-100) Meta reported
 */
public record HistorySyncView(String phoneNumberId, String state, int progress, boolean complete, boolean declined,
		int chunksSeen, int messagesSeen, List<Phase> phases, List<Error> errors) {

	/**
	 * One phase (0 = day 0-1, 1 = day 1-90, 2 = day 90-180).
	 *
	 * @param missingChunks gaps between the lowest and highest chunk_order seen
	 */
	public record Phase(int phase, int chunksSeen, int minChunkOrder, int maxChunkOrder, int missingChunks,
			int progress, int threadsSeen, int messagesSeen, Instant firstReceivedAt, Instant lastReceivedAt) {
	}

	public record Error(int code, String title, String message, String details, Instant receivedAt) {
	}
}

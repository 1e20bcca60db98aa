package io.wabaflow.sync.history;

/**
 * One {@code history[]} element: a chunk of a phase with the overall progress (0-100) Meta reported.
 *
 * @param receivedAtMs when the ingress received it (a redelivery keeps the earliest)
 */
public record ChunkFact(String phoneNumberId, int phase, int chunkOrder, int progress, int threadCount,
		int messageCount, long receivedAtMs) {
}

package io.wabaflow.sender.send;

import java.util.concurrent.CompletableFuture;

/**
 * Seams around a Graph call: when it leaves, and between its answer and recording it. Production has none (the default does nothing);
 * the crash test puts one there that never completes, then stops the worker, which is exactly "died
 * after the call, before the record".
 */
public interface SendHooks {

	/** Called the moment a Graph call leaves (after its claim and its departure slot). */
	default void beforeCall(String commandId, String phoneNumberId) {
	}

	/** Called with each answered call before its outcome is written; the write waits for the future. */
	default CompletableFuture<Void> afterCall(String commandId) {
		return CompletableFuture.completedFuture(null);
	}
}

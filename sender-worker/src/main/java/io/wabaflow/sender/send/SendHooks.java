package io.wabaflow.sender.send;

import java.util.concurrent.CompletableFuture;

/**
 * A seam between a Graph call's answer and recording it. Production has none (the default does nothing);
 * the crash test puts one there that never completes, then stops the worker, which is exactly "died
 * after the call, before the record".
 */
public interface SendHooks {

	/** Called with each answered call before its outcome is written; the write waits for the future. */
	default CompletableFuture<Void> afterCall(String commandId) {
		return CompletableFuture.completedFuture(null);
	}
}

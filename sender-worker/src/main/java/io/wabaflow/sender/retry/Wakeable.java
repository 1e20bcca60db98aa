package io.wabaflow.sender.retry;

import java.util.concurrent.CompletableFuture;

/** Takes a send whose retry fell due back into the pipeline. */
public interface Wakeable {

	/** Completes once the send is back in memory (or found settled, or moved on). */
	CompletableFuture<Void> wake(String commandId, int attempt);
}

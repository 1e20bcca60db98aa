package io.wabaflow.onboarding.graph;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.platform.concurrent.AsyncLimiter;

/**
 * The Graph client with a bound on the calls in flight. Thousands of flows may be due at once (they poll
 * concurrently); sending all their calls at the same moment would open as many connections to Meta and run
 * into its rate limits. Calls beyond the bound wait in a queue, not on a thread. Thread-safe.
 */
public final class GraphCalls {

	private final GraphClient client;

	private final AsyncLimiter limiter;

	public GraphCalls(GraphClient client, int maxInFlight) {
		this.client = client;
		this.limiter = new AsyncLimiter(maxInFlight);
	}

	public GraphClient client() {
		return client;
	}

	/** Runs {@code call} now or when a slot frees up; the answer is the call's own. */
	public <T> CompletableFuture<T> call(Function<GraphClient, CompletableFuture<T>> call) {
		return limiter.submit(() -> call.apply(client));
	}
}

package io.wabaflow.metagraph.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waiting for the client's futures in tests: a value, or the {@link GraphApiException} they failed with. */
final class Futures {

	private Futures() {
	}

	static <T> T join(CompletableFuture<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new AssertionError("Graph call failed: " + e.getMessage(), e);
		}
	}

	static GraphApiException graphFailure(CompletableFuture<?> future) {
		Throwable failure = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
		GraphApiException graph = GraphClient.unwrap(failure);
		assertThat(graph).as("a GraphApiException, not %s", failure).isNotNull();
		return graph;
	}
}

package io.wabaflow.onboarding.graph;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.wabaflow.metagraph.client.GraphClient;

/**
 * The Graph client with a bound on the calls in flight. Thousands of flows may be due at once (they poll
 * concurrently); sending all their calls at the same moment would open as many connections to Meta and run
 * into its rate limits. Calls beyond the bound wait in a queue, not on a thread: a call starts when an earlier
 * one completes. Thread-safe.
 */
public final class GraphCalls {

	private final GraphClient client;

	private final int maxInFlight;

	private final Queue<Runnable> waiting = new ArrayDeque<>();

	private int inFlight;

	public GraphCalls(GraphClient client, int maxInFlight) {
		this.client = client;
		this.maxInFlight = maxInFlight;
	}

	public GraphClient client() {
		return client;
	}

	/** Runs {@code call} now or when a slot frees up; the answer is the call's own future. */
	public <T> CompletableFuture<T> call(Function<GraphClient, CompletableFuture<T>> call) {
		CompletableFuture<T> answer = new CompletableFuture<>();
		Runnable start = () -> {
			CompletableFuture<T> running;
			try {
				running = call.apply(client);
			}
			catch (RuntimeException e) {
				running = CompletableFuture.failedFuture(e);
			}
			running.whenComplete((value, failure) -> {
				release();
				if (failure != null) {
					answer.completeExceptionally(failure);
				}
				else {
					answer.complete(value);
				}
			});
		};
		boolean now;
		synchronized (this) {
			now = inFlight < maxInFlight;
			if (now) {
				inFlight++;
			}
			else {
				waiting.add(start);
			}
		}
		if (now) {
			start.run();
		}
		return answer;
	}

	public synchronized int inFlight() {
		return inFlight;
	}

	private void release() {
		Runnable next;
		synchronized (this) {
			next = waiting.poll();
			if (next == null) {
				inFlight--;
			}
		}
		if (next != null) {
			next.run(); // the slot passes to the next call
		}
	}
}

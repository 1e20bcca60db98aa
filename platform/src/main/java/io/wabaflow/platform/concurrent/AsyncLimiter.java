package io.wabaflow.platform.concurrent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most N asynchronous tasks running; the others wait in a queue, not on a thread: a task starts when an
 * earlier one's future completes. Thread-safe.
 */
public final class AsyncLimiter {

	private final int limit;

	private final Queue<Runnable> waiting = new ArrayDeque<>();

	private int running;

	public AsyncLimiter(int limit) {
		if (limit <= 0) {
			throw new IllegalArgumentException("limit must be positive");
		}
		this.limit = limit;
	}

	/** Starts {@code task} now or when a slot frees up; the answer completes with the task's future. */
	public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
		CompletableFuture<T> answer = new CompletableFuture<>();
		Runnable start = () -> {
			CompletableFuture<T> started;
			try {
				started = task.get();
			}
			catch (RuntimeException e) {
				started = CompletableFuture.failedFuture(e);
			}
			started.whenComplete((value, failure) -> {
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
			now = running < limit;
			if (now) {
				running++;
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

	public synchronized int running() {
		return running;
	}

	public synchronized int waiting() {
		return waiting.size();
	}

	private void release() {
		Runnable next;
		synchronized (this) {
			next = waiting.poll();
			if (next == null) {
				running--;
			}
		}
		if (next != null) {
			next.run(); // the slot passes on
		}
	}
}

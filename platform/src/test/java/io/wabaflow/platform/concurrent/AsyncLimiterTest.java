package io.wabaflow.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

	@Test
	void atMostTheLimitRunAndTheRestStartInOrderAsSlotsFreeUp() {
		AsyncLimiter limiter = new AsyncLimiter(2);
		List<CompletableFuture<String>> tasks = new ArrayList<>();
		List<String> started = new ArrayList<>();
		List<CompletableFuture<String>> answers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String name = "t" + i;
			CompletableFuture<String> task = new CompletableFuture<>();
			tasks.add(task);
			answers.add(limiter.submit(() -> {
				started.add(name);
				return task;
			}));
		}

		assertThat(started).containsExactly("t0", "t1");
		assertThat(limiter.running()).isEqualTo(2);
		assertThat(limiter.waiting()).isEqualTo(3);

		tasks.get(1).complete("one");
		assertThat(started).containsExactly("t0", "t1", "t2");
		assertThat(answers.get(1)).isCompletedWithValue("one");

		tasks.get(0).completeExceptionally(new IllegalStateException("boom"));
		assertThat(answers.get(0)).isCompletedExceptionally();
		assertThat(started).containsExactly("t0", "t1", "t2", "t3");

		tasks.get(2).complete("two");
		tasks.get(3).complete("three");
		tasks.get(4).complete("four");
		assertThat(answers.get(4)).isCompletedWithValue("four");
		assertThat(limiter.running()).isZero();
		assertThat(limiter.waiting()).isZero();
	}

	@Test
	void aTaskThatThrowsFreesItsSlot() {
		AsyncLimiter limiter = new AsyncLimiter(1);

		CompletableFuture<Object> failed = limiter.submit(() -> {
			throw new IllegalStateException("cannot start");
		});

		assertThat(failed).isCompletedExceptionally();
		assertThat(limiter.submit(() -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
	}
}

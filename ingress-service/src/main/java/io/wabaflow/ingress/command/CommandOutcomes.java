package io.wabaflow.ingress.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.wabaflow.ingress.IngressProperties;
import io.wabaflow.schemas.command.CommandResult;

/**
 * The outcomes of commands, as the workers publish them on {@code wabaflow.command-results.v1}: the
 * recent ones (status URL, a late {@code Prefer: wait}) and the futures of requests waiting for one.
 * Thread-safe.
 */
final class CommandOutcomes {

	private final Cache<String, CommandResult> recent;

	private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();

	CommandOutcomes(IngressProperties properties, Clock clock) {
		this.recent = Caffeine.newBuilder()
				.maximumSize(100_000)
				.expireAfterWrite(properties.outcomeWindow())
				.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
				.build();
	}

	/** Called for every result on the results topic. */
	void record(CommandResult result) {
		recent.put(result.getCommandId(), result);
		Waiting waiters = waiting.remove(result.getCommandId());
		if (waiters != null) {
			waiters.outcome().complete(result);
		}
	}

	Optional<CommandResult> known(String commandId) {
		return Optional.ofNullable(recent.getIfPresent(commandId));
	}

	/**
	 * The outcome of a command within {@code wait}, or {@code null} after it. Call it <em>before</em>
	 * publishing the command, so that no result can slip between the publish and the registration.
	 */
	CompletableFuture<CommandResult> await(String commandId, Duration wait) {
		Waiting waiters = waiting.compute(commandId, (id, current) -> {
			Waiting entry = current != null ? current : new Waiting(new CompletableFuture<>(), new int[1]);
			entry.count()[0]++;
			return entry;
		});
		known(commandId).ifPresent(result -> waiters.outcome().complete(result));
		// a copy per waiter: one waiter's timeout must not complete the others' futures
		CompletableFuture<CommandResult> mine = waiters.outcome().copy()
				.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
		mine.whenComplete((result, failure) -> release(commandId, waiters));
		return mine;
	}

	private void release(String commandId, Waiting waiters) {
		waiting.computeIfPresent(commandId, (id, current) -> {
			if (current != waiters) {
				return current;
			}
			current.count()[0]--;
			return current.count()[0] == 0 ? null : current;
		});
	}

	/** The requests waiting for a command's outcome; {@code count} is only touched inside {@code compute}. */
	private record Waiting(CompletableFuture<CommandResult> outcome, int[] count) {
	}

	int waitingCommands() {
		return waiting.size();
	}
}

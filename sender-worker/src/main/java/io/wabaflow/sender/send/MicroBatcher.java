package io.wabaflow.sender.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns many small database writes into few round trips without a timer: while one batch is being
 * written, new items queue up and become the next batch. Under light load a batch is one item and adds
 * no delay; under heavy load batches grow to {@code maxBatch}. One batch at a time.
 *
 * @param <I> an item
 * @param <O> its result; {@code process} answers one result per item, in order
 */
final class MicroBatcher<I, O> {

	private static final Logger log = LoggerFactory.getLogger(MicroBatcher.class);

	private final String name;

	private final Function<List<I>, List<O>> process;

	private final Executor executor;

	private final int maxBatch;

	private final Queue<Entry<I, O>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean();

	MicroBatcher(String name, Function<List<I>, List<O>> process, Executor executor, int maxBatch) {
		this.name = name;
		this.process = process;
		this.executor = executor;
		this.maxBatch = maxBatch;
	}

	CompletableFuture<O> submit(I item) {
		Entry<I, O> entry = new Entry<>(item, new CompletableFuture<>());
		queue.add(entry);
		trigger();
		return entry.result();
	}

	private void trigger() {
		if (running.compareAndSet(false, true)) {
			try {
				executor.execute(this::run);
			}
			catch (RuntimeException rejected) {
				running.set(false);
				Entry<I, O> entry;
				while ((entry = queue.poll()) != null) {
					entry.result().completeExceptionally(rejected);
				}
			}
		}
	}

	private void run() {
		try {
			List<Entry<I, O>> batch = new ArrayList<>();
			Entry<I, O> entry;
			while (true) {
				batch.clear();
				while (batch.size() < maxBatch && (entry = queue.poll()) != null) {
					batch.add(entry);
				}
				if (batch.isEmpty()) {
					break;
				}
				List<O> results;
				try {
					results = process.apply(batch.stream().map(Entry::item).toList());
				}
				catch (RuntimeException e) {
					log.warn("{}: a batch of {} failed: {}", name, batch.size(), e.toString());
					batch.forEach(failed -> failed.result().completeExceptionally(e));
					continue;
				}
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).result().complete(results.get(i));
				}
			}
		}
		finally {
			running.set(false);
			if (!queue.isEmpty()) {
				trigger(); // items that arrived after the last poll
			}
		}
	}

	private record Entry<I, O>(I item, CompletableFuture<O> result) {
	}
}

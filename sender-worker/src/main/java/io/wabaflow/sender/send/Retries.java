package io.wabaflow.sender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.wabaflow.sender.retry.Wakeable;
import io.wabaflow.sender.send.Settlement.Expect;
import io.wabaflow.sender.throughput.Lanes;

/**
 * Brings a PENDING send back into the pipeline: when its retry record falls due, when recovery finds it,
 * or when a duplicate command finds it waiting. The window is checked again on the way in (it may have
 * closed while the send waited).
 */
final class Retries implements Wakeable {

	/** An upload Meta did not answer is tried again this much later. */
	private static final Duration UPLOAD_AGAIN_AFTER = Duration.ofSeconds(5);

	private final SendStore store;

	private final PausedTemplates paused;

	private final StoredMediaSends storedMedia;

	private final InFlight inFlight;

	private final Lanes lanes;

	private final CommandRules rules;

	private final Settlements settlements;

	private final Clock clock;

	private final MicroBatcher<String, Optional<Send>> loads;

	Retries(SendStore store, InFlight inFlight, Lanes lanes, CommandRules rules, Settlements settlements,
			PausedTemplates paused, StoredMediaSends storedMedia, Clock clock, Executor database, int maxBatch) {
		this.store = store;
		this.paused = paused;
		this.storedMedia = storedMedia;
		this.inFlight = inFlight;
		this.lanes = lanes;
		this.rules = rules;
		this.settlements = settlements;
		this.clock = clock;
		this.loads = new MicroBatcher<>("load", ids -> {
			Map<String, Send> rows = store.load(ids);
			return ids.stream().map(id -> Optional.ofNullable(rows.get(id))).toList();
		}, database, maxBatch);
	}

	@Override
	public CompletableFuture<Void> wake(String commandId, int attempt) {
		return loads.submit(commandId).thenAccept(row -> row
				.filter(send -> send.state() == SendState.PENDING && send.attempt() == attempt)
				.ifPresent(this::resume));
	}

	/** Queues a PENDING row (read with its window) on its number's lane, unless it is already in memory. */
	void resume(Send row) {
		Work work = new Work(row, row.attempt());
		if (storedMedia.waiting(row)) {
			storedMedia.prepare(row).thenAccept(prepared -> {
				if (prepared.row() != null) {
					resume(prepared.row());
				}
				else if (prepared.rejection() != null) {
					if (inFlight.admit(work)) {
						settlements.settle(work, row.attempt(), new Verdict.Rejected(prepared.rejection().reason(), null,
								null, prepared.rejection().details()), Expect.PENDING);
					}
				}
				else {
					Instant look = clock.instant().plus(UPLOAD_AGAIN_AFTER);
					if (store.holdAgain(row.commandId(), row.attempt(), look, clock.instant())) {
						settlements.hold(row.withNextAttemptAt(look));
					}
				}
			});
			return;
		}
		if (paused.waiting(row)) {
			Instant now = clock.instant();
			PausedTemplates.Next next = paused.next(row, now);
			if (next.hold()) {
				Instant look = paused.nextLook(now);
				if (store.holdAgain(row.commandId(), row.attempt(), look, now)) {
					settlements.hold(row.withNextAttemptAt(look));
				}
				return;
			}
			if (next.rejection() != null) {
				if (inFlight.admit(work)) {
					settlements.settle(work, row.attempt(), new Verdict.Rejected(next.rejection().reason(), null, null,
							next.rejection().details()), Expect.PENDING);
				}
				return;
			}
			// lifted: on to its lane
		}
		Optional<Rejection> closed = rules.window(row.messageType(), row.lastInboundAt(), clock.instant());
		if (!inFlight.admit(work)) {
			return;
		}
		if (closed.isPresent()) {
			settlements.settle(work, row.attempt(), new Verdict.Rejected(closed.get().reason(), null, null,
					closed.get().details()), Expect.PENDING);
			return;
		}
		lanes.offer(work);
	}

	/** Forgets the queued sends of partitions this instance no longer owns (calls in flight finish). */
	void drop(java.util.Collection<Integer> partitions) {
		lanes.drop(paced -> partitions.contains(((Work) paced).partition()))
				.forEach(paced -> inFlight.release(((Work) paced).commandId()));
	}

	/** Queues rows just inserted by intake (their window was checked there). */
	void queue(List<Send> accepted) {
		for (Send row : accepted) {
			Work work = new Work(row, row.attempt());
			if (inFlight.admit(work)) {
				lanes.offer(work);
			}
		}
	}
}

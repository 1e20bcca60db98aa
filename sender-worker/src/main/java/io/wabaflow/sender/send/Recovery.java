package io.wabaflow.sender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import io.wabaflow.sender.SenderProperties;
import io.wabaflow.sender.SenderProperties.InDoubtPolicy;
import io.wabaflow.sender.send.Settlement.Expect;

/**
 * The safety net under the in-memory pipeline, for the command partitions this instance owns. Every
 * sweep interval (and at once when partitions are assigned, e.g. after a restart) it:
 * <ul>
 * <li>queues PENDING sends whose turn has passed but that are not in memory (the process died before
 * sending them, or a retry record was lost);</li>
 * <li>settles sends left INTENDED longer than the in-doubt time and not in memory: the call may have
 * happened and its answer is lost. {@code mark-unknown} records UNKNOWN, {@code resend} sends again;</li>
 * <li>publishes again the events of settled sends that the topics never acknowledged.</li>
 * </ul>
 */
final class Recovery implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Recovery.class);

	private static final int LIMIT = 1000;

	private final SendStore store;

	private final InFlight inFlight;

	private final Retries retries;

	private final Settlements settlements;

	private final Clock clock;

	private final SenderProperties properties;

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "sender-recovery");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	private volatile ScheduledFuture<?> sweeping;

	Recovery(SendStore store, InFlight inFlight, Retries retries, Settlements settlements, Clock clock,
			SenderProperties properties) {
		this.store = store;
		this.inFlight = inFlight;
		this.retries = retries;
		this.settlements = settlements;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void start() {
		long every = properties.getRecovery().getSweepInterval().toMillis();
		sweeping = sweeper.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
		running = true;
	}

	/** A sweep soon, e.g. for partitions just assigned. */
	void sweepSoon() {
		if (running) {
			sweeper.execute(this::sweepSafely);
		}
	}

	private void sweepSafely() {
		try {
			sweep();
		}
		catch (RuntimeException e) {
			log.warn("Recovery sweep failed: {}", e.toString());
		}
	}

	void sweep() {
		Set<Integer> owned = inFlight.owned();
		if (owned.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		for (Send row : notHeld(store.duePending(owned, now.minus(properties.getRecovery().getPendingSlack()), LIMIT))) {
			if (row.state() == SendState.PENDING) {
				log.info("Recovering {} (PENDING since {})", row.commandId(), row.updatedAt());
				retries.resume(row);
			}
		}
		Duration inDoubtAfter = properties.getInDoubtAfter();
		for (Send row : notHeld(store.inDoubt(owned, now.minus(inDoubtAfter), LIMIT))) {
			if (row.state() == SendState.INTENDED) {
				inDoubt(row, now.minus(inDoubtAfter), now);
			}
		}
		for (Send row : store.load(store.unpublished(owned, now.minus(properties.getRecovery().getPublishSlack()),
				LIMIT)).values()) {
			settlements.announce(row, null);
		}
	}

	/** The rows of those sends this instance does not hold in memory (read with their windows). */
	private java.util.Collection<Send> notHeld(java.util.List<String> commandIds) {
		return store.load(commandIds.stream().filter(id -> !inFlight.holds(id)).toList()).values();
	}

	private void inDoubt(Send row, Instant cutoff, Instant now) {
		if (properties.getInDoubtPolicy() == InDoubtPolicy.RESEND) {
			log.warn("{}: its call {} may have reached Meta; sending it again (in-doubt policy resend)",
					row.commandId(), row.attempt());
			store.reopen(row.commandId(), row.attempt(), cutoff, now).ifPresent(retries::resume);
			return;
		}
		log.warn("{}: its call {} may have reached Meta and its answer was lost; recording UNKNOWN", row.commandId(),
				row.attempt());
		Work work = new Work(row, row.attempt());
		if (inFlight.admit(work)) {
			settlements.settle(work, row.attempt(), new Verdict.InDoubt("The call of attempt " + row.attempt()
					+ " (claimed " + row.intendedAt() + " by " + row.owner() + ") was never answered on record"),
					Expect.IN_DOUBT);
		}
	}

	/** Stopped, it can start again (a paused test context, a checkpoint and restore): the timer stays. */
	@Override
	public void stop() {
		running = false;
		ScheduledFuture<?> current = sweeping;
		if (current != null) {
			current.cancel(false);
		}
	}

	@Override
	public void destroy() {
		sweeper.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}

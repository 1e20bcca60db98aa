package io.wabaflow.sender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wabaflow.platform.kafka.DelayTopics;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.send.SenderKind;
import io.wabaflow.sender.retry.RetryTiers;
import io.wabaflow.sender.send.Settlement.Expect;

/**
 * Writes what became of a send, then tells the topics: a settled send's events and result, or a retry's
 * record on the delay topic of its back-off. The row is written first and the topics second; if the
 * process dies in between, recovery finds the row whose events were never acknowledged
 * ({@code published_state}) and publishes them, or the PENDING row whose retry record never left.
 */
final class Settlements {

	private static final Logger log = LoggerFactory.getLogger(Settlements.class);

	private static final int WRITE_ATTEMPTS = 4;

	private final SendStore store;

	private final Events events;

	private final RetryTiers tiers;

	/** The retry delay topics ({@code wabaflow.commands.send.v1-sender-retry-<ms>}). */
	private final DelayTopics retryTopics;

	private final InFlight inFlight;

	private final Clock clock;

	private final String owner;

	private final Duration inDoubtAfter;

	private final ScheduledExecutorService retryTimer;

	private final MicroBatcher<Item, Optional<Send>> writer;

	private final MicroBatcher<Map.Entry<String, SendState>, Void> published;

	Settlements(SendStore store, Events events, RetryTiers tiers, DelayTopics retryTopics, InFlight inFlight,
			Clock clock, String owner, Duration inDoubtAfter, Executor database, ScheduledExecutorService retryTimer,
			int maxBatch) {
		this.store = store;
		this.events = events;
		this.tiers = tiers;
		this.retryTopics = retryTopics;
		this.inFlight = inFlight;
		this.clock = clock;
		this.owner = owner;
		this.inDoubtAfter = inDoubtAfter;
		this.retryTimer = retryTimer;
		this.writer = new MicroBatcher<>("settle", this::write, database, maxBatch);
		this.published = new MicroBatcher<>("published", this::markPublished, database, maxBatch);
	}

	private record Item(Settlement settlement, Optional<SendStore.Alias> alias, RetryTiers.Tier tier) {
	}

	/**
	 * Settles a send (or schedules its retry) and releases it from memory when the topics have it.
	 *
	 * @param attempt the row's attempt count this verdict is about
	 */
	void settle(Work work, int attempt, Verdict verdict, Expect expect) {
		Item item = resolve(work, attempt, verdict, expect, clock.instant());
		write(work, item, 1);
	}

	private void write(Work work, Item item, int writeAttempt) {
		writer.submit(item).whenComplete((row, failure) -> {
			if (failure != null) {
				if (writeAttempt < WRITE_ATTEMPTS) {
					long delay = 250L << writeAttempt;
					log.warn("Recording {} of {} failed ({}); trying again in {} ms", item.settlement().state(),
							work.commandId(), failure.toString(), delay);
					retryTimer.schedule(() -> write(work, item, writeAttempt + 1), delay, TimeUnit.MILLISECONDS);
					return;
				}
				// the row stays as it was: INTENDED becomes in doubt, PENDING is picked up again by recovery
				log.error("Could not record {} of {}: left to recovery", item.settlement().state(), work.commandId());
				inFlight.release(work.commandId());
				return;
			}
			if (row.isEmpty()) {
				log.info("{} of {} not recorded: the send moved on (a later attempt, or another instance)",
						item.settlement().state(), work.commandId());
				inFlight.release(work.commandId());
				return;
			}
			announce(row.get(), item.tier()).whenComplete((ok, publishFailure) -> {
				if (publishFailure != null) {
					log.warn("Publishing {} of {} failed: recovery publishes it again: {}", row.get().state(),
							work.commandId(), publishFailure.toString());
				}
				inFlight.release(work.commandId());
			});
		});
	}

	/** Publishes a row's current step (events, or its retry record) and notes it as published. */
	CompletableFuture<Void> announce(Send row, RetryTiers.Tier tier) {
		if (row.state() == SendState.PENDING) {
			return tier == null ? CompletableFuture.completedFuture(null) : retry(row, tier);
		}
		return events.publishState(row).thenCompose(ok -> published.submit(Map.entry(row.commandId(), row.state())));
	}

	/** A send held back (a paused template): its wake-up record, due at the row's next look. */
	CompletableFuture<Void> hold(Send row) {
		return retryTopics.delayUntil(row.phoneNumberId(), command(row), row.attempt(), row.nextAttemptAt());
	}

	/** The retry record, due at the row's next attempt: in the tier of that delay (the tiers are the retry delays). */
	private CompletableFuture<Void> retry(Send row, RetryTiers.Tier tier) {
		return retryTopics.delayUntil(row.phoneNumberId(), command(row), row.attempt(), row.nextAttemptAt());
	}

	private Item resolve(Work work, int attempt, Verdict verdict, Expect expect, Instant now) {
		String id = work.commandId();
		if (verdict instanceof Verdict.Sent sent) {
			Optional<SendStore.Alias> alias = Optional.empty();
			// the dialled phone differs from the wa_id Meta answered: both are the user's (a BSUID has no alias)
			String dialled = work.send().recipientKey();
			if (sent.waId() != null && !sent.waId().equals(dialled) && !dialled.isEmpty()
					&& !Recipients.isBsuid(dialled)) {
				alias = Optional.of(new SendStore.Alias(work.phoneNumberId(), dialled, sent.waId()));
			}
			return new Item(new Settlement(id, attempt, SendState.SENT, sent.wamid(), sent.waId(), null, null, null,
					null, null, expect), alias, null);
		}
		if (verdict instanceof Verdict.Failed failed) {
			return new Item(new Settlement(id, attempt, SendState.FAILED, null, null, failed.code(), failed.title(),
					failed.details(), failed.reason(), null, expect), Optional.empty(), null);
		}
		if (verdict instanceof Verdict.Rejected rejected) {
			return new Item(new Settlement(id, attempt, SendState.REJECTED, null, null, rejected.code(),
					rejected.title(), rejected.details(), rejected.reason(), null, expect), Optional.empty(), null);
		}
		if (verdict instanceof Verdict.InDoubt doubt) {
			return new Item(new Settlement(id, attempt, SendState.UNKNOWN, null, null, null, null, doubt.details(),
					"IN_DOUBT", null, expect), Optional.empty(), null);
		}
		Verdict.Retry retry = (Verdict.Retry) verdict;
		Optional<RetryTiers.Tier> tier = tiers.after(retry.kind(), attempt);
		if (tier.isEmpty()) {
			return new Item(new Settlement(id, attempt, SendState.FAILED, null, null, retry.code(), retry.title(),
					retry.details(), "RETRIES_EXHAUSTED", null, expect), Optional.empty(), null);
		}
		return new Item(new Settlement(id, attempt, SendState.PENDING, null, null, retry.code(), retry.title(),
				retry.details(), "RETRY_" + retry.kind().name(), now.plus(tier.get().delay()), expect), Optional.empty(),
				tier.get());
	}

	private List<Optional<Send>> write(List<Item> items) {
		Instant now = clock.instant();
		List<Settlement> settlements = items.stream().map(Item::settlement).toList();
		List<SendStore.Alias> aliases = items.stream().flatMap(item -> item.alias().stream()).toList();
		Map<String, Send> written = new java.util.HashMap<>();
		for (Send row : store.settle(settlements, aliases, owner, now, now.minus(inDoubtAfter))) {
			written.put(row.commandId(), row);
		}
		List<Optional<Send>> results = new ArrayList<>(items.size());
		for (Item item : items) {
			results.add(Optional.ofNullable(written.get(item.settlement().commandId())));
		}
		return results;
	}

	private List<Void> markPublished(List<Map.Entry<String, SendState>> entries) {
		Map<String, SendState> byId = new java.util.LinkedHashMap<>();
		entries.forEach(entry -> byId.put(entry.getKey(), entry.getValue()));
		store.markPublished(byId);
		return java.util.Collections.nCopies(entries.size(), null);
	}

	/** Notes a step as published without going through a settlement (intake's rejections and acceptances). */
	CompletableFuture<Void> published(Send row) {
		return published.submit(Map.entry(row.commandId(), row.state()));
	}

	/** The command again, as the value of its retry record. */
	static SendMessage command(Send row) {
		return SendMessage.newBuilder().setCommandId(row.commandId()).setTenantId(row.tenantId())
				.setPhoneNumberId(row.phoneNumberId()).setTo(row.recipient())
				.setType(MessageType.valueOf(row.messageType())).setContentJson(row.contentJson())
				.setReplyTo(row.replyTo()).setSender(SenderKind.valueOf(row.sender()))
				.setBizOpaqueCallbackData(row.bizOpaqueCallbackData())
				.setIssuedAt(row.issuedAt() == null ? row.receivedAt() : row.issuedAt()).build();
	}
}

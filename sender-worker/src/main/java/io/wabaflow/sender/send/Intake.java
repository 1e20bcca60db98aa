package io.wabaflow.sender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.template.TemplateChecks;
import io.wabaflow.sender.template.TemplateRefusal;

/**
 * A poll's worth of commands, in a few round trips: rules checked in memory, the windows of the free-form
 * ones read in one query, every command inserted in one statement ({@code ON CONFLICT DO NOTHING}: a
 * command id already there is a duplicate and is never sent again), then ACCEPTED or REJECTED published,
 * and the accepted ones queued on their numbers' lanes. Returning from {@link #accept} lets the container
 * commit the offsets: from then on the rows, not the topic, carry the commands (recovery re-reads them).
 */
final class Intake {

	private static final Logger log = LoggerFactory.getLogger(Intake.class);

	/** How long the consumer thread waits for the broker to acknowledge the events of a poll. */
	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

	private final SendStore store;

	private final CommandRules rules;

	private final TemplateChecks templates;

	private final PausedTemplates paused;

	private final StoredMediaSends storedMedia;

	private final NumberRegistry registry;

	private final ConversationStarts starts;

	private final Events events;

	private final Settlements settlements;

	private final Retries retries;

	private final Clock clock;

	Intake(SendStore store, CommandRules rules, TemplateChecks templates, PausedTemplates paused,
			StoredMediaSends storedMedia, NumberRegistry registry, ConversationStarts starts, Events events,
			Settlements settlements, Retries retries, Clock clock) {
		this.store = store;
		this.paused = paused;
		this.storedMedia = storedMedia;
		this.rules = rules;
		this.templates = templates;
		this.registry = registry;
		this.starts = starts;
		this.events = events;
		this.settlements = settlements;
		this.retries = retries;
		this.clock = clock;
	}

	/** A command and the partition it came from. */
	record Incoming(SendMessage command, int partition) {
	}

	void accept(List<Incoming> incoming) {
		if (incoming.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		Map<String, Incoming> unique = new LinkedHashMap<>();
		incoming.forEach(in -> unique.putIfAbsent(in.command().getCommandId(), in));
		List<Incoming> commands = List.copyOf(unique.values());

		List<Optional<Rejection>> verdicts = new ArrayList<>(commands.size());
		List<Integer> needWindow = new ArrayList<>();
		List<Integer> templateSends = new ArrayList<>();
		for (Incoming in : commands) {
			SendMessage c = in.command();
			Optional<Rejection> rejection = rules.check(c.getTenantId(), c.getPhoneNumberId(), c.getType(), c.getTo(),
					c.getContentJson(), c.getReplyTo(), c.getBizOpaqueCallbackData());
			verdicts.add(rejection);
			if (rejection.isEmpty() && CommandRules.needsWindow(c.getType().name())) {
				needWindow.add(verdicts.size() - 1);
			}
			if (rejection.isEmpty() && c.getType() == MessageType.TEMPLATE) {
				templateSends.add(verdicts.size() - 1);
			}
		}
		Set<String> held = checkTemplates(commands, templateSends, verdicts, now);
		Set<String> started = checkMessagingLimits(commands, templateSends, verdicts, now);
		List<Instant> lastInbound = store.lastInbound(
				needWindow.stream().map(i -> commands.get(i).command().getPhoneNumberId()).toList(),
				needWindow.stream().map(i -> Recipients.key(commands.get(i).command().getTo())).toList());
		for (int k = 0; k < needWindow.size(); k++) {
			int i = needWindow.get(k);
			verdicts.set(i, rules.window(commands.get(i).command().getType().name(), lastInbound.get(k), now));
		}

		List<Send> rows = new ArrayList<>(commands.size());
		for (int i = 0; i < commands.size(); i++) {
			Send row = row(commands.get(i), verdicts.get(i).orElse(null), now);
			if (held.contains(row.commandId()) && row.state() == SendState.PENDING) {
				row = held(row, now);
			}
			else if (row.state() == SendState.PENDING && storedMedia.named(row.messageType(), row.contentJson()).isPresent()) {
				row = uploading(row, now);
			}
			rows.add(row);
		}
		List<Send> inserted = store.insertNew(rows, now);
		Set<String> insertedIds = inserted.stream().map(Send::commandId).collect(Collectors.toSet());
		starts.mark(started.stream().filter(insertedIds::contains).toList());
		Map<String, Send> existing = new LinkedHashMap<>(store.load(rows.stream().map(Send::commandId)
				.filter(id -> !insertedIds.contains(id)).toList()));
		// A command id another tenant's command already holds: that row and its outcome are not this command's
		// to see or to wake, so it is only logged (a result under that id would answer the other tenant's caller).
		existing.values().removeIf(row -> {
			String tenant = unique.get(row.commandId()).command().getTenantId();
			if (Objects.equals(tenant, row.tenantId())) {
				return false;
			}
			log.warn("Command {} of tenant {} reuses the id of another tenant's command: dropped", row.commandId(),
					tenant);
			return true;
		});

		List<CompletableFuture<?>> acks = new ArrayList<>();
		for (Send row : inserted) {
			acks.add(events.publishState(row));
			if (paused.waiting(row)) {
				acks.add(settlements.hold(row)); // wakes it at its next look
			}
		}
		for (Send row : existing.values()) {
			// a duplicate: never sent again; a caller waiting on it gets the outcome once more
			acks.add(row.state().settled() ? events.publishResult(row) : events.publishState(row));
		}
		await(acks);
		inserted.forEach(settlements::published);

		List<Send> queue = new ArrayList<>();
		List<Send> toUpload = new ArrayList<>();
		for (Send row : inserted) {
			if (storedMedia.waiting(row)) {
				toUpload.add(row);
			}
			else if (row.state() == SendState.PENDING && !paused.waiting(row)) {
				queue.add(row);
			}
		}
		retries.queue(queue);
		// its stored object is uploaded first; woken as a retry is, so that it is read back with its window
		toUpload.forEach(row -> retries.wake(row.commandId(), row.attempt()));
		for (Send row : existing.values()) {
			boolean due = row.nextAttemptAt() == null || !row.nextAttemptAt().isAfter(now);
			if (row.state() == SendState.PENDING && due) {
				retries.resume(row); // e.g. redelivered after a crash before it was sent
			}
		}
	}

	/**
	 * The catalogue's verdict on the template sends that passed the other rules (one query for the poll); answers the
	 * command ids that wait for Meta to lift a pause ({@code when-paused: wait}) instead of being rejected.
	 */
	private Set<String> checkTemplates(List<Incoming> commands, List<Integer> templateSends,
			List<Optional<Rejection>> verdicts, Instant now) {
		List<TemplateChecks.TemplateSend> sends = templateSends.stream().map(i -> {
			SendMessage c = commands.get(i).command();
			String wabaId = registry.find(c.getPhoneNumberId()).map(RegisteredNumber::wabaId).orElse(null);
			return new TemplateChecks.TemplateSend(c.getPhoneNumberId(), wabaId, Recipients.key(c.getTo()),
					Recipients.isBsuid(c.getTo()), c.getContentJson());
		}).toList();
		List<Optional<TemplateRefusal>> refusals = templates.check(sends, now);
		Set<String> held = new LinkedHashSet<>();
		for (int k = 0; k < templateSends.size(); k++) {
			Optional<TemplateRefusal> refusal = refusals.get(k);
			if (refusal.isPresent() && TemplateRefusal.TEMPLATE_PAUSED.equals(refusal.get().reason())
					&& paused.holds()) {
				held.add(commands.get(templateSends.get(k)).command().getCommandId());
				continue;
			}
			verdicts.set(templateSends.get(k), refusal.map(r -> new Rejection(r.reason(), r.details())));
		}
		return held;
	}

	/** A send that names a stored object: pending, reason MEDIA_UPLOAD, until the object is Meta's. */
	private static Send uploading(Send row, Instant now) {
		return new Send(row.commandId(), row.tenantId(), row.phoneNumberId(), row.recipient(), row.messageType(),
				row.contentJson(), row.replyTo(), row.sender(), row.bizOpaqueCallbackData(), row.issuedAt(), row.partition(),
				SendState.PENDING, 0, now, null, null, null, null, null, null,
				"The stored media is being uploaded to Meta for the number", StoredMediaSends.MEDIA_UPLOAD, null, now, now,
				null);
	}

	/** A send that waits for its template: pending, reason TEMPLATE_PAUSED, its first look a re-check away. */
	private Send held(Send row, Instant now) {
		return new Send(row.commandId(), row.tenantId(), row.phoneNumberId(), row.recipient(), row.messageType(),
				row.contentJson(), row.replyTo(), row.sender(), row.bizOpaqueCallbackData(), row.issuedAt(), row.partition(),
				SendState.PENDING, 0, paused.nextLook(now), null, null, null, null, null, null,
				"The template is paused by Meta: the send waits for the pause to be lifted",
				TemplateRefusal.TEMPLATE_PAUSED, null, now, now, null);
	}

	/**
	 * Meta's messaging limit: a template to a user whose window is closed starts a conversation, and a number may
	 * start conversations with at most its limit of unique users in a moving 24 h (counted over the numbers of its
	 * WABA; a user already counted costs nothing). Beyond it the send is REJECTED {@code MESSAGING_LIMIT} instead of
	 * failing at Meta. Answers the command ids that start a conversation, to be marked once inserted.
	 */
	private Set<String> checkMessagingLimits(List<Incoming> commands, List<Integer> templateSends,
			List<Optional<Rejection>> verdicts, Instant now) {
		List<Integer> candidates = templateSends.stream().filter(i -> verdicts.get(i).isEmpty()).toList();
		Set<String> started = new LinkedHashSet<>();
		if (candidates.isEmpty()) {
			return started;
		}
		List<Instant> lastInbound = store.lastInbound(
				candidates.stream().map(i -> commands.get(i).command().getPhoneNumberId()).toList(),
				candidates.stream().map(i -> Recipients.key(commands.get(i).command().getTo())).toList());
		Map<String, List<Integer>> limitedByWaba = new LinkedHashMap<>();
		for (int k = 0; k < candidates.size(); k++) {
			if (rules.windowOpen(lastInbound.get(k), now)) {
				continue;
			}
			int i = candidates.get(k);
			started.add(commands.get(i).command().getCommandId());
			registry.find(commands.get(i).command().getPhoneNumberId()).filter(n -> n.messagingLimit() != null)
					.ifPresent(number -> limitedByWaba.computeIfAbsent(number.wabaId(), w -> new ArrayList<>()).add(i));
		}
		Instant since = now.minus(Duration.ofHours(24));
		limitedByWaba.forEach((wabaId, indices) -> {
			List<String> numbers = registry.inWaba(wabaId).stream().map(RegisteredNumber::phoneNumberId).toList();
			List<String> keys = indices.stream().map(i -> Recipients.key(commands.get(i).command().getTo())).toList();
			ConversationStarts.Usage usage = starts.since(numbers, since, keys);
			Set<String> counted = new HashSet<>(usage.counted());
			int users = usage.users();
			for (int i : indices) {
				SendMessage c = commands.get(i).command();
				String key = Recipients.key(c.getTo());
				int limit = registry.find(c.getPhoneNumberId()).map(RegisteredNumber::messagingLimit).orElseThrow();
				if (counted.contains(key)) {
					continue;
				}
				if (users < limit) {
					counted.add(key);
					users++;
					continue;
				}
				started.remove(c.getCommandId());
				verdicts.set(i, Optional.of(new Rejection(Rejection.MESSAGING_LIMIT, "Meta lets this business start "
						+ "conversations with " + limit + " unique users in a moving 24 h (its messaging limit), and "
						+ users + " were started since " + since + (usage.oldest() == null ? ""
								: "; the oldest leaves the count at " + usage.oldest().plus(Duration.ofHours(24)))
						+ ". Users who write to the business can be answered at any time; the limit rises as Meta "
						+ "raises the business's tier.")));
			}
		});
		return started;
	}

	private static Send row(Incoming in, Rejection rejection, Instant now) {
		SendMessage c = in.command();
		return new Send(c.getCommandId(), c.getTenantId(), c.getPhoneNumberId(), c.getTo(), c.getType().name(),
				c.getContentJson(), c.getReplyTo(), c.getSender().name(), c.getBizOpaqueCallbackData(), c.getIssuedAt(),
				in.partition(), rejection == null ? SendState.PENDING : SendState.REJECTED, 0, null, null, null, null,
				null, null, null, rejection == null ? null : rejection.details(),
				rejection == null ? null : rejection.reason(), null, now, now, null);
	}

	private static void await(List<CompletableFuture<?>> acks) {
		try {
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
					.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while publishing the events of a poll", e);
		}
		catch (ExecutionException | TimeoutException e) {
			// the container retries the poll: every step above is idempotent
			throw new IllegalStateException("the events of a poll were not acknowledged: " + e, e);
		}
	}
}

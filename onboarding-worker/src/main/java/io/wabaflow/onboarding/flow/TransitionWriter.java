package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.command.CommandOutcomes;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.onboarding.polling.Continuations;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * Applies a step's {@link Transition} in one transaction: the flow's next version (compare-and-set on the claimed
 * version), its integration log rows, and in the outbox an event per row, the next continuation, the command's
 * outcome and the registry record. Either all of it happens or none: a crash before the commit leaves the claimed
 * version as it was, to be run again; after the commit, the outbox publishes.
 */
@Component
public class TransitionWriter {

	private final FlowRepository flows;

	private final IntegrationLog log;

	private final Outbox outbox;

	private final Continuations continuations;

	private final CommandOutcomes outcomes;

	private final PhoneNumberRegistry registry;

	private final NumberOwnership ownership;

	private final Clock clock;

	TransitionWriter(FlowRepository flows, IntegrationLog log, Outbox outbox, Continuations continuations,
			CommandOutcomes outcomes, PhoneNumberRegistry registry, NumberOwnership ownership, Clock clock) {
		this.ownership = ownership;
		this.flows = flows;
		this.log = log;
		this.outbox = outbox;
		this.continuations = continuations;
		this.outcomes = outcomes;
		this.registry = registry;
		this.clock = clock;
	}

	/** @return false when the flow moved on meanwhile (superseded): nothing was written */
	public boolean apply(Flow claimed, Transition transition) {
		Instant now = clock.instant();
		boolean applied = flows.jdbi().inTransaction(handle -> apply(handle, claimed, transition, now));
		if (applied) {
			outbox.committed();
		}
		return applied;
	}

	boolean apply(Handle handle, Flow claimed, Transition proposed, Instant now) {
		Transition transition = proposed;
		if (proposed.register()) {
			// checked at selection already; again here, locked, for two tenants completing one number at once
			ownership.lock(handle, proposed.next().phoneNumberId());
			Optional<Transition> refusal = ownership.refusal(handle, claimed, proposed.next().phoneNumberId(), now);
			if (refusal.isPresent()) {
				transition = refusal.get().after(proposed.log().stream()
						.filter(entry -> entry.eventType() != OnboardingEventType.COMPLETED).toList());
			}
		}
		Flow next = transition.next();
		Instant dueAt = transition.delay() == null ? now : now.plus(transition.delay());
		if (!flows.apply(handle, claimed, next, now, dueAt)) {
			return false;
		}
		int version = claimed.version() + 1;
		record(handle, next, version, transition.log(), now);
		if (transition.delay() != null) {
			continuations.schedule(handle, next.onboardingId(), next.tenantId(), version, next.state().name(),
					Math.max(next.stepAttempt(), next.pollAttempts()) + 1, dueAt, now);
		}
		if (transition.outcome() != null) {
			outcomes.record(handle, next.commandId(), "StartOnboarding", next.tenantId(), transition.outcome(), now);
		}
		if (transition.register()) {
			registry.register(handle, next, transition.throughputMps(), now);
		}
		return true;
	}

	/** The log rows of a flow's version and their events. */
	public void record(Handle handle, Flow flow, int version, List<LogEntry> entries, Instant now) {
		record(handle, flow.onboardingId(), flow.tenantId(), flow.wabaId(), flow.phoneNumberId(),
				flow.onboardingId() + ":" + version, entries, now);
	}

	/**
	 * Log rows and their events for what happens outside a flow's steps (coexistence sync, account updates).
	 *
	 * @param eventIdPrefix unique per occasion and deterministic, e.g. {@code sync:<command id>}
	 */
	public void record(Handle handle, String onboardingId, String tenantId, String wabaId, String phoneNumberId,
			String eventIdPrefix, List<LogEntry> entries, Instant now) {
		log.write(handle, onboardingId, tenantId, entries, now);
		for (int i = 0; i < entries.size(); i++) {
			outbox.add(handle, Topics.ONBOARDING_EVENTS.name(), tenantId, Events.of(eventIdPrefix + ":" + i,
					onboardingId, tenantId, wabaId, phoneNumberId, entries.get(i), now), now);
		}
	}
}

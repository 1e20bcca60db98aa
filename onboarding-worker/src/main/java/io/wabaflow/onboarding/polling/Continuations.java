package io.wabaflow.onboarding.polling;

import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;

/**
 * Writes "continue flow X, version V, at step S, due at T" on the work-queue topic that {@link DelayTiers} picks,
 * keyed by the onboarding id.
 */
@Component
public class Continuations {

	private final DelayTiers tiers;

	private final Outbox outbox;

	Continuations(DelayTiers tiers, Outbox outbox) {
		this.tiers = tiers;
		this.outbox = outbox;
	}

	/** In the transaction that made version {@code version} of the flow: published after the commit. */
	public void schedule(Handle handle, String onboardingId, String tenantId, int version, String step, int attempt,
			Instant dueAt, Instant now) {
		ProducerRecord<String, Object> record = record(onboardingId, tenantId, version, step, attempt, dueAt, now);
		outbox.add(handle, record.topic(), record.key(), (OnboardingContinuation) record.value(), now);
	}

	/** The record itself, for a direct send (the next hop of a long delay, a lost step sent again). */
	public ProducerRecord<String, Object> record(String onboardingId, String tenantId, int version, String step,
			int attempt, Instant dueAt, Instant now) {
		DelayTiers.Placement placement = tiers.place(dueAt, now);
		OnboardingContinuation value = OnboardingContinuation.newBuilder().setOnboardingId(onboardingId)
				.setTenantId(tenantId).setVersion(version).setStep(step).setAttempt(attempt).setDueAt(dueAt)
				.setNotBefore(placement.notBefore()).build();
		return new ProducerRecord<>(placement.topic(), onboardingId, value);
	}
}

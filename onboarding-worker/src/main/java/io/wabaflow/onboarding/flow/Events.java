package io.wabaflow.onboarding.flow;

import java.time.Instant;

import io.wabaflow.schemas.onboarding.OnboardingEvent;

/** Builds the events of {@code wabaflow.onboarding.events.v1}: one per integration log row. */
public final class Events {

	private Events() {
	}

	/**
	 * @param eventId deterministic ({@code <onboarding id>:<version>:<row>}), so a record the outbox relay publishes
	 *                twice is recognisably the same event
	 */
	public static OnboardingEvent of(String eventId, String onboardingId, String tenantId, String wabaId,
			String phoneNumberId, LogEntry entry, Instant now) {
		return OnboardingEvent.newBuilder().setEventId(eventId).setOnboardingId(onboardingId == null ? "" : onboardingId)
				.setTenantId(tenantId).setType(entry.eventType()).setStep(entry.step()).setStrategy(entry.strategy())
				.setWabaId(wabaId).setPhoneNumberId(phoneNumberId).setErrorCode(entry.errorCode())
				.setErrorMessage(entry.errorMessage()).setDetailsJson(IntegrationLog.json(entry.details()))
				.setOccurredAt(now).build();
	}
}

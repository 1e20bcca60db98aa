package io.wabaflow.onboarding.strategy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.flow.Failures;
import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowState;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.flow.Step;
import io.wabaflow.onboarding.flow.Transition;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * Seed 001's fallback, done as a durable wait: when every strategy failed (or a created WABA never became
 * visible) the flow is {@code awaiting_waba_creation}; after {@code awaiting.retry-after} (5 min) its continuation
 * comes out of the long delay topic and discovery and the strategies run again, a new round. The customer may
 * meanwhile create the WABA in Business Manager. A new StartOnboarding of the tenant retries at once (it
 * supersedes this flow). After {@code awaiting.max-rounds} rounds the flow fails.
 */
@Component
public class AwaitingWabaCreation implements Step {

	static final String NO_WABA = "NO_WABA";

	private final OnboardingProperties.Awaiting settings;

	private final Failures failures;

	AwaitingWabaCreation(OnboardingProperties properties, Failures failures) {
		this.settings = properties.awaiting();
		this.failures = failures;
	}

	/** The flow starts (another) wait, or fails when it has waited enough rounds. */
	public Transition enter(Flow flow, List<LogEntry> earlier, String why, Instant now) {
		int rounds = flow.creationRounds() + 1;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("round", rounds);
		details.put("max_rounds", settings.maxRounds());
		if (rounds >= settings.maxRounds()) {
			return failures.fail(flow, FlowState.AWAITING_WABA_CREATION.step(), null, NO_WABA, 404, null, why, now,
					details, "No WABA after " + rounds + " rounds of discovery and creation: " + why
							+ ". Create the WhatsApp Business Account in Business Manager and sign up again.")
					.after(earlier);
		}
		Duration wait = settings.retryAfter();
		details.put("retry_at", now.plus(wait).toString());
		Flow next = flow.toBuilder().state(FlowState.AWAITING_WABA_CREATION).creationRounds(rounds).strategyIndex(0)
				.awaitingAnnounced(true).error(null, why, now).build();
		LogEntry entry = LogEntry.failed(FlowState.AWAITING_WABA_CREATION.step(), null, null, why, details)
				.as(OnboardingEventType.AWAITING_WABA_CREATION);
		Transition transition = Transition.to(next, wait, entry).after(earlier);
		if (!flow.awaitingAnnounced()) {
			// Prefer: wait callers learn once that it will take a while; the 200 follows on completion
			transition = transition.withOutcome(Outcome.ok(202, "{\"onboarding_id\":\"" + flow.onboardingId()
					+ "\",\"state\":\"awaiting_waba_creation\",\"retry_at\":\"" + now.plus(wait) + "\"}"));
		}
		return transition;
	}

	/** The wait is over: a new round starts with discovery. */
	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		Flow next = flow.toBuilder().state(FlowState.DISCOVERING_WABA).strategyIndex(0).build();
		return CompletableFuture.completedFuture(Transition.to(next, Duration.ZERO,
				LogEntry.ok("retry_waba_creation", null, Map.of("round", flow.creationRounds() + 1))));
	}
}

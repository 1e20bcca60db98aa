package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.platform.concurrent.AsyncLimiter;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;

/**
 * Runs the step a continuation asks for: claim the flow's version (a stale or duplicate continuation, or one whose
 * step is running elsewhere, does nothing), run the step asynchronously, apply its transition in one transaction.
 * The returned future completes when all of that is durable; the listener's offset is committed only then.
 */
@Component
public class StepRunner {

	private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

	private final FlowRepository flows;

	private final FlowSteps steps;

	private final TransitionWriter writer;

	private final Executor executor;

	private final Duration claimTimeout;

	/** Due steps beyond the bound wait here unclaimed, so a claim's age is the time its step really runs. */
	private final AsyncLimiter slots;

	private final Clock clock;

	StepRunner(FlowRepository flows, FlowSteps steps, TransitionWriter writer,
			@Qualifier("onboardingExecutor") Executor executor, OnboardingProperties properties, Clock clock) {
		this.flows = flows;
		this.steps = steps;
		this.writer = writer;
		this.executor = executor;
		this.claimTimeout = properties.claimTimeout();
		this.slots = new AsyncLimiter(properties.maxStepsInFlight());
		this.clock = clock;
	}

	public CompletableFuture<Void> run(OnboardingContinuation continuation) {
		return slots.submit(() -> runNow(continuation));
	}

	private CompletableFuture<Void> runNow(OnboardingContinuation continuation) {
		return CompletableFuture.supplyAsync(() -> claim(continuation), executor).thenCompose(claimed -> {
			if (claimed.isEmpty()) {
				log.debug("Continuation {} v{} ({}) is stale, a duplicate or running elsewhere: skipped",
						continuation.getOnboardingId(), continuation.getVersion(), continuation.getStep());
				return CompletableFuture.<Void>completedFuture(null);
			}
			Flow flow = claimed.get();
			return steps.run(flow).thenAcceptAsync(transition -> {
				if (!writer.apply(flow, transition)) {
					log.info("{} moved on while its step {} ran (superseded): the step's result is dropped", flow,
							flow.state());
				}
			}, executor).whenComplete((ok, failure) -> {
				if (failure != null) {
					// the claim goes back, so the redelivery Kafka will make runs the step again at once
					log.warn("Step {} of {} could not be applied: {}", flow.state(), flow, failure.toString());
					try {
						flows.release(flow.onboardingId(), flow.version());
					}
					catch (RuntimeException e) {
						log.warn("Could not release the claim of {}: {} (it expires after {})", flow, e.toString(),
								claimTimeout);
					}
				}
			});
		});
	}

	private Optional<Flow> claim(OnboardingContinuation continuation) {
		Instant now = clock.instant();
		return flows.claim(continuation.getOnboardingId(), continuation.getVersion(), now, now.minus(claimTimeout));
	}
}

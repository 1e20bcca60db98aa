package io.wabaflow.onboarding.strategy;

import java.time.Clock;
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
import io.wabaflow.onboarding.flow.Step;
import io.wabaflow.onboarding.flow.Tokens;
import io.wabaflow.onboarding.flow.Transition;
import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * One creation strategy per step, 2A → 2B → 2C → 2D → 2E (seed 001), each attempt and its result logged. A
 * strategy-specific refusal (100, 200, 3, ...) does not stop the chain: the next strategy runs. A created WABA is
 * polled until visible. A rejected token or a blocked account ends the flow. Transient errors retry the same
 * strategy with back-off; when its attempts run out the strategy counts as failed.
 *
 * <p>A creation call is not idempotent. The step's claim is written before the call, so a step found claimed
 * before (the worker stopped during the call) does not call again: whether Meta created the WABA is unknown, so
 * the flow polls the business's WABAs instead. A call without an answer (timeout) is treated the same way.
 */
@Component
public class WabaCreation implements Step {

	static final String STEP = FlowState.CREATING_WABA.step();

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final AwaitingWabaCreation awaiting;

	private final Duration pollInterval;

	private final Clock clock;

	WabaCreation(GraphCalls graph, Tokens tokens, Failures failures, AwaitingWabaCreation awaiting,
			OnboardingProperties properties, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.awaiting = awaiting;
		this.pollInterval = properties.polling().interval();
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		CreationStrategy strategy = CreationStrategy.at(flow.strategyIndex());
		Instant started = clock.instant();
		if (strategy.call() != null && flow.claims() > 1) {
			return done(poll(flow, strategy, null, LogEntry.failed(STEP, strategy.label(), null,
					"The worker stopped during this creation call: whether Meta created a WABA is unknown, so the flow "
							+ "polls for it instead of creating another",
					Map.of("recovered", true, "round", flow.creationRounds() + 1))));
		}
		if (strategy.call() != null && flow.businessId() == null) {
			return done(next(flow, LogEntry.failed(STEP, strategy.label(), null,
					"No business id known (not in the session, not in debug_token): cannot call " + strategy.label(),
					Map.of("round", flow.creationRounds() + 1)), started));
		}
		String token = tokens.token(flow);
		if (strategy == CreationStrategy.S2E) {
			return graph.call(client -> client.debugToken(token)).handle((debug, failure) -> {
				Instant now = clock.instant();
				if (failure != null) {
					return failed(flow, strategy, failure, now);
				}
				return debug.sharedWabaIds().stream().findFirst()
						.map(waba -> Transition.to(ResolvedWaba.resolve(flow, waba, strategy.label(), STEP).build(),
								Duration.ZERO, LogEntry.ok(STEP, strategy.label(), Map.of("waba_id", waba, "how",
										"appeared in debug_token's granular scopes")).as(OnboardingEventType.WABA_RESOLVED)))
						.orElseGet(() -> next(flow, LogEntry.failed(STEP, strategy.label(), null,
								"No WABA in debug_token's granular scopes", Map.of("round", flow.creationRounds() + 1)),
								now));
			});
		}
		String namespace = "whatsapp_" + started.getEpochSecond();
		String name = strategy == CreationStrategy.S2C ? CreationStrategy.APP_NAME : CreationStrategy.WABA_NAME;
		return graph.call(client -> client.createWaba(strategy.call(), flow.businessId(), name, namespace, token))
				.handle((wabaId, failure) -> {
					Instant now = clock.instant();
					if (failure != null) {
						return failed(flow, strategy, failure, now);
					}
					Map<String, Object> details = new LinkedHashMap<>();
					details.put("waba_id", wabaId);
					details.put("business_id", flow.businessId());
					details.put("round", flow.creationRounds() + 1);
					return poll(flow, strategy, wabaId, LogEntry.ok(STEP, strategy.label(), details));
				});
	}

	private Transition failed(Flow flow, CreationStrategy strategy, Throwable failure, Instant now) {
		Failures.Kind kind = Failures.kind(failure);
		Map<String, Object> details = Map.of("round", flow.creationRounds() + 1);
		if (kind == Failures.Kind.TOKEN || kind == Failures.Kind.BLOCKED) {
			return failures.fail(flow, STEP, strategy.label(), failure, now, details, null);
		}
		if (kind == Failures.Kind.NO_ANSWER && strategy.call() != null) {
			return poll(flow, strategy, null, LogEntry.failed(STEP, strategy.label(), null,
					"No answer to the creation call: whether Meta created a WABA is unknown, so the flow polls for it "
							+ "instead of calling again (" + Failures.describe(failure) + ")",
					details));
		}
		if (kind.retryable() && failures.backoff().mayRetry(flow.stepAttempt() + 1)) {
			return failures.retry(flow, STEP, strategy.label(), failure, now, details);
		}
		// strategy-specific: 100 (no such edge), 200 (no permission to create), 3 (capability), ... → next strategy
		return next(flow, LogEntry.failed(STEP, strategy.label(), Failures.code(failure), Failures.describe(failure),
				details), now);
	}

	/** The next strategy, or the wait for WABA creation after the last one. */
	private Transition next(Flow flow, LogEntry entry, Instant now) {
		int nextIndex = flow.strategyIndex() + 1;
		if (nextIndex >= CreationStrategy.IN_ORDER.size()) {
			return awaiting.enter(flow.toBuilder().stepAttempt(0).build(), List.of(entry),
					"Every creation strategy (2A-2E) failed", now);
		}
		Flow next = flow.toBuilder().strategyIndex(nextIndex).stepAttempt(0).build();
		return Transition.to(next, Duration.ZERO, entry);
	}

	/** Polls until the new WABA is visible: by its id when Meta answered one, else through the business's lists. */
	private Transition poll(Flow flow, CreationStrategy strategy, String wabaId, LogEntry entry) {
		Flow next = flow.toBuilder().state(FlowState.POLLING_WABA).pollingStrategy(strategy.label()).wabaId(wabaId)
				.build();
		return Transition.to(next, pollInterval, entry);
	}

	private static CompletableFuture<Transition> done(Transition transition) {
		return CompletableFuture.completedFuture(transition);
	}
}

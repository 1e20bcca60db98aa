package io.wabaflow.onboarding.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphModel.Waba;
import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.flow.Failures;
import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowState;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Step;
import io.wabaflow.onboarding.flow.Tokens;
import io.wabaflow.onboarding.flow.Transition;
import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.onboarding.strategy.AwaitingWabaCreation;
import io.wabaflow.onboarding.strategy.ResolvedWaba;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * Seed 001's polling, without a sleeping thread: one poll per step, and "again in 3 s" is the next continuation on
 * the poll delay topic (default 10 attempts 3 s apart, both configurable). A poll reads the new WABA by id, or,
 * when the creation's outcome is unknown, looks for any WABA of the business (debug_token's scopes, owned and
 * client lists). Each poll is one integration log row. Never visible: the flow awaits WABA creation, keeping the
 * id, which the next round's discovery reads first.
 */
@Component
public class WabaPolling implements Step {

	static final String STEP = FlowState.POLLING_WABA.step();

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final AwaitingWabaCreation awaiting;

	private final OnboardingProperties.Polling settings;

	private final Clock clock;

	WabaPolling(GraphCalls graph, Tokens tokens, Failures failures, AwaitingWabaCreation awaiting,
			OnboardingProperties properties, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.awaiting = awaiting;
		this.settings = properties.polling();
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		int attempt = flow.pollAttempts() + 1;
		String token = tokens.token(flow);
		CompletableFuture<Optional<String>> poll = flow.wabaId() != null
				? graph.call(client -> client.waba(flow.wabaId(), token)).thenApply(waba -> waba.map(Waba::id))
				: anyWabaOfTheBusiness(flow, token);
		return poll.handle((visible, failure) -> {
			Instant now = clock.instant();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("attempt", attempt);
			details.put("max_attempts", settings.maxAttempts());
			details.put("waba_id", flow.wabaId());
			String strategy = flow.pollingStrategy();
			if (failure != null) {
				Failures.Kind kind = Failures.kind(failure);
				if (kind.fatal() || kind.retryable()) {
					return failures.handle(flow, STEP, strategy, failure, now, details, null);
				}
				// any other refusal reads as "not visible yet"
				return notVisible(flow, attempt, details, Failures.code(failure), Failures.describe(failure), now);
			}
			if (visible.isPresent()) {
				details.put("waba_id", visible.get());
				details.put("visible", true);
				return Transition.to(ResolvedWaba.resolve(flow, visible.get(), strategy, STEP).build(), Duration.ZERO,
						LogEntry.ok(STEP, strategy, details).as(OnboardingEventType.WABA_RESOLVED));
			}
			return notVisible(flow, attempt, details, null, "WABA not visible yet", now);
		});
	}

	private Transition notVisible(Flow flow, int attempt, Map<String, Object> details, Integer code, String message,
			Instant now) {
		details.put("visible", false);
		LogEntry entry = LogEntry.failed(STEP, flow.pollingStrategy(), code, message, details);
		if (attempt < settings.maxAttempts()) {
			return Transition.to(flow.toBuilder().pollAttempts(attempt).stepAttempt(0).build(), settings.interval(), entry);
		}
		return awaiting.enter(flow, List.of(entry),
				"The WABA created by " + flow.pollingStrategy() + " was not visible after " + attempt + " polls", now);
	}

	/** The creation's outcome is unknown: any WABA the token now sees is the one. */
	private CompletableFuture<Optional<String>> anyWabaOfTheBusiness(Flow flow, String token) {
		CompletableFuture<Optional<String>> granted = graph.call(client -> client.debugToken(token))
				.thenApply(debug -> debug.sharedWabaIds().stream().findFirst());
		if (flow.businessId() == null) {
			return granted;
		}
		return granted.thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found)
				: graph.call(client -> client.ownedWabas(flow.businessId(), token))
						.thenCompose(owned -> !owned.isEmpty() ? CompletableFuture.completedFuture(Optional.of(owned.get(0).id()))
								: graph.call(client -> client.clientWabas(flow.businessId(), token))
										.thenApply(client -> client.stream().findFirst().map(Waba::id))));
	}
}

package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * Subscribes the app to the WABA's webhooks (facts 3.4, idempotent at Meta) and completes the flow: the outcome
 * 200 goes to the command's caller and the number, with its encrypted token, onto the registry.
 */
@Component
class AppSubscription implements Step {

	static final String STEP = FlowState.SUBSCRIBING_APP.step();

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final Clock clock;

	AppSubscription(GraphCalls graph, Tokens tokens, Failures failures, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		String token = tokens.token(flow);
		return graph.call(client -> client.subscribeApp(flow.wabaId(), token)).handle((ok, failure) -> failure)
				.thenCompose(failure -> failure != null ? CompletableFuture.completedFuture(completion(flow, failure, null))
						: tier(flow, token).thenApply(mps -> completion(flow, null, mps)));
	}

	/**
	 * A cloud number's throughput as Meta's tier says now (facts 4.5: STANDARD 80/s, HIGH 1,000/s), so that a number
	 * Meta already upgraded is not held at the default; null when it cannot be read (the default holds, and a
	 * THROUGHPUT_UPGRADE webhook will say it later). Coexistence numbers are fixed at 20/s.
	 */
	private CompletableFuture<Integer> tier(Flow flow, String token) {
		if (flow.phoneNumberId() == null || !Flow.CLOUD.equals(flow.numberType())) {
			return CompletableFuture.completedFuture(null);
		}
		return graph.call(client -> client.throughputLevel(flow.phoneNumberId(), token))
				.handle((level, failure) -> failure != null || level == null ? null : switch (level) {
					case "HIGH" -> 1_000;
					case "STANDARD" -> 80;
					default -> null;
				});
	}

	private Transition completion(Flow flow, Throwable failure, Integer throughputMps) {
		Instant now = clock.instant();
		if (failure != null) {
			return failures.handle(flow, STEP, null, failure, now, Map.of("waba_id", flow.wabaId()), null);
		}
		// the last error stays: like seed 001's view, the status shows the last failure the flow overcame
		Flow done = flow.toBuilder().state(FlowState.COMPLETED).succeeded(STEP).completedAt(now).build();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("waba_id", done.wabaId());
		summary.put("phone_number_id", done.phoneNumberId());
		summary.put("display_phone_number", done.displayPhoneNumber());
		summary.put("number_type", done.numberType());
		summary.put("strategy", done.strategyUsed());
		summary.put("throughput_mps", throughputMps);
		Transition completed = Transition.end(done, Outcome.ok(200, result(done)),
				LogEntry.ok(STEP, null, Map.of("waba_id", done.wabaId())),
				LogEntry.ok(FlowState.COMPLETED.step(), done.strategyUsed(), summary).as(OnboardingEventType.COMPLETED));
		return done.phoneNumberId() == null ? completed : completed.registering(throughputMps);
	}

	private static String result(Flow flow) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("onboarding_id", flow.onboardingId());
		data.put("tenant_id", flow.tenantId());
		data.put("state", flow.state().apiName());
		data.put("waba_id", flow.wabaId());
		data.put("phone_number_id", flow.phoneNumberId());
		data.put("display_phone_number", flow.displayPhoneNumber());
		data.put("number_type", flow.numberType());
		data.put("strategy", flow.strategyUsed());
		return IntegrationLog.JSON.writeValueAsString(data);
	}
}

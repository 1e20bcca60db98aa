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
		return graph.call(client -> client.subscribeApp(flow.wabaId(), token)).handle((ok, failure) -> {
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
			Transition completed = Transition.end(done, Outcome.ok(200, result(done)),
					LogEntry.ok(STEP, null, Map.of("waba_id", done.wabaId())),
					LogEntry.ok(FlowState.COMPLETED.step(), done.strategyUsed(), summary).as(OnboardingEventType.COMPLETED));
			return done.phoneNumberId() == null ? completed : completed.registering();
		});
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

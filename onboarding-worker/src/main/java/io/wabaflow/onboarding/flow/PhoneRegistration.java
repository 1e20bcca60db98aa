package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.onboarding.graph.RegistrationPin;

/**
 * Registers a cloud number for the Cloud API with the configured two-step PIN (facts 3.4). Idempotent at Meta
 * with the same PIN, so a step redone after a crash is harmless. A refusal (133005 wrong PIN, 133016 attempt
 * limit, ...) ends the flow as REGISTRATION_FAILED.
 */
@Component
class PhoneRegistration implements Step {

	static final String STEP = FlowState.REGISTERING_PHONE.step();

	static final String REGISTRATION_FAILED = "REGISTRATION_FAILED";

	private final GraphCalls graph;

	private final Tokens tokens;

	private final RegistrationPin pin;

	private final Failures failures;

	private final Clock clock;

	PhoneRegistration(GraphCalls graph, Tokens tokens, RegistrationPin pin, Failures failures, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.pin = pin;
		this.failures = failures;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		String token = tokens.token(flow);
		return graph.call(client -> client.register(flow.phoneNumberId(), pin.value(), token)).handle((ok, failure) -> {
			Map<String, Object> details = Map.of("phone_number_id", flow.phoneNumberId());
			if (failure != null) {
				return failures.handle(flow, STEP, null, failure, clock.instant(), details, REGISTRATION_FAILED);
			}
			return Transition.to(flow.toBuilder().state(FlowState.SUBSCRIBING_APP).succeeded(STEP).build(),
					Duration.ZERO, LogEntry.ok(STEP, null, details));
		});
	}
}

package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.polling.WabaPolling;
import io.wabaflow.onboarding.strategy.AwaitingWabaCreation;
import io.wabaflow.onboarding.strategy.WabaCreation;
import io.wabaflow.onboarding.strategy.WabaDiscovery;

/** The step of each state. */
@Component
class FlowSteps {

	private final Map<FlowState, Step> steps;

	private final Failures failures;

	private final Clock clock;

	FlowSteps(CodeExchange exchange, WabaDiscovery discovery, WabaCreation creation, WabaPolling polling,
			AwaitingWabaCreation awaiting, PhoneSelection phone, PhoneRegistration registration,
			AppSubscription subscription, Failures failures, Clock clock) {
		this.steps = Map.of(FlowState.EXCHANGING_CODE, exchange, FlowState.DISCOVERING_WABA, discovery,
				FlowState.CREATING_WABA, creation, FlowState.POLLING_WABA, polling,
				FlowState.AWAITING_WABA_CREATION, awaiting, FlowState.SELECTING_PHONE, phone,
				FlowState.REGISTERING_PHONE, registration, FlowState.SUBSCRIBING_APP, subscription);
		this.failures = failures;
		this.clock = clock;
	}

	CompletableFuture<Transition> run(Flow flow) {
		Step step = steps.get(flow.state());
		if (step == null) {
			throw new IllegalStateException("No step for state " + flow.state());
		}
		CompletableFuture<Transition> running;
		try {
			running = step.run(flow);
		}
		catch (RuntimeException e) {
			running = CompletableFuture.failedFuture(e);
		}
		// a step's own bug or a broken ciphertext must not loop: it is retried with back-off like a transient
		// error, and after the last attempt the flow fails with the reason
		return running.exceptionally(failure -> failures.handle(flow, flow.state().step(), null, failure,
				clock.instant(), Map.of("unexpected", true), null));
	}
}

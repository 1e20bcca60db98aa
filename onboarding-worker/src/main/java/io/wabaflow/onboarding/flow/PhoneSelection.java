package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphModel.PhoneNumber;
import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.graph.GraphCalls;

/**
 * Picks the phone number: the one the session named, or the WABA's only one; then reads whether it is a
 * coexistence number ({@code is_on_biz_app}, facts 3.3), which is not registered. A WABA without numbers yet (one
 * a strategy just created) is polled a few times; still none, the flow completes with the WABA alone. Several
 * numbers and no hint, or a named number that never shows up, end the flow: guessing would connect the wrong
 * number. A number active for another tenant is not taken ({@link NumberOwnership}): the flow fails before
 * {@code register} is called on it.
 */
@Component
class PhoneSelection implements Step {

	static final String STEP = FlowState.SELECTING_PHONE.step();

	static final String PHONE_NUMBER_AMBIGUOUS = "PHONE_NUMBER_AMBIGUOUS";

	static final String PHONE_NUMBER_NOT_FOUND = "PHONE_NUMBER_NOT_FOUND";

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final int waitPolls;

	private final Duration pollInterval;

	private final NumberOwnership ownership;

	private final Jdbi jdbi;

	private final Executor executor;

	private final Clock clock;

	PhoneSelection(GraphCalls graph, Tokens tokens, Failures failures, NumberOwnership ownership, Jdbi jdbi,
			@Qualifier("onboardingExecutor") Executor executor, OnboardingProperties properties, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.ownership = ownership;
		this.jdbi = jdbi;
		this.executor = executor;
		this.waitPolls = properties.phoneWaitPolls();
		this.pollInterval = properties.polling().interval();
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		String token = tokens.token(flow);
		String hint = flow.hints().phoneNumberId();
		return graph.call(client -> client.phoneNumbers(flow.wabaId(), token)).thenCompose(numbers -> {
			Optional<PhoneNumber> chosen = hint != null ? numbers.stream().filter(n -> hint.equals(n.id())).findFirst()
					: numbers.size() == 1 ? Optional.of(numbers.get(0)) : Optional.empty();
			if (chosen.isEmpty()) {
				return CompletableFuture.completedFuture(none(flow, numbers, hint, clock.instant()));
			}
			// the registry is read on the step threads, not on the HTTP client's
			return graph.call(client -> client.phoneNumber(chosen.get().id(), token))
					.thenApplyAsync(number -> jdbi.withHandle(handle -> ownership.refusal(handle, flow, number.id(),
							clock.instant())).orElseGet(() -> chosen(flow, number, chosen.get())), executor);
		}).exceptionally(failure -> failures.handle(flow, STEP, null, failure, clock.instant(),
				Map.of("waba_id", String.valueOf(flow.wabaId())), null));
	}

	private Transition chosen(Flow flow, PhoneNumber detail, PhoneNumber listed) {
		String display = detail.displayPhoneNumber() != null ? detail.displayPhoneNumber() : listed.displayPhoneNumber();
		String type = detail.coexistence() ? Flow.COEXISTENCE : Flow.CLOUD;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phone_number_id", detail.id());
		details.put("display_phone_number", display);
		details.put("number_type", type);
		details.put("platform_type", detail.platformType());
		details.put("from", flow.hints().phoneNumberId() != null ? "session_hint" : "only_number");
		Flow.Builder next = flow.toBuilder().phone(detail.id(), display, type).succeeded(STEP);
		LogEntry selected = LogEntry.ok(STEP, null, details);
		if (detail.coexistence()) {
			// facts 3.4: "the number is already registered" — register is skipped for coexistence
			return Transition.to(next.state(FlowState.SUBSCRIBING_APP).build(), Duration.ZERO, selected,
					LogEntry.ok(FlowState.REGISTERING_PHONE.step(), null,
							Map.of("skipped", "coexistence number (is_on_biz_app): already registered")));
		}
		return Transition.to(next.state(FlowState.REGISTERING_PHONE).build(), Duration.ZERO, selected);
	}

	private Transition none(Flow flow, List<PhoneNumber> numbers, String hint, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("waba_id", flow.wabaId());
		details.put("numbers", numbers.stream().map(PhoneNumber::id).toList());
		details.put("hint", hint);
		if (hint == null && numbers.size() > 1) {
			return failures.fail(flow, STEP, null, PHONE_NUMBER_AMBIGUOUS, 409, null,
					"The WABA has " + numbers.size() + " numbers and the session named none", now, details,
					"The WABA has several phone numbers and the signup session did not say which one to connect.");
		}
		int attempt = flow.pollAttempts() + 1;
		details.put("attempt", attempt);
		String missing = hint == null ? "The WABA has no phone number yet" : "Phone number " + hint + " is not in the WABA yet";
		if (attempt < waitPolls) {
			return Transition.to(flow.toBuilder().pollAttempts(attempt).build(), pollInterval,
					LogEntry.failed(STEP, null, null, missing, details));
		}
		if (hint != null) {
			return failures.fail(flow, STEP, null, PHONE_NUMBER_NOT_FOUND, 404, null, missing, now, details,
					"The phone number the signup session named is not in the WABA.");
		}
		details.put("completed_without_number", true);
		return Transition.to(flow.toBuilder().state(FlowState.SUBSCRIBING_APP).succeeded(STEP).build(), Duration.ZERO,
				LogEntry.ok(STEP, null, details));
	}
}

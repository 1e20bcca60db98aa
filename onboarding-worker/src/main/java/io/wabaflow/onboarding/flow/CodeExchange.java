package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.graph.GraphCalls;

/**
 * Exchanges the Embedded Signup code for the business token, first thing: the code lives 30 seconds (facts 3.1).
 * A transient failure is retried only while the code can still be valid. An invalid, used or expired code (Graph
 * error 100) ends the flow: the customer must sign up again.
 */
@Component
class CodeExchange implements Step {

	/** Facts 3.1: an exchangeable code's time to live. */
	static final Duration CODE_TTL = Duration.ofSeconds(30);

	static final String CODE_INVALID = "CODE_INVALID";

	static final String CODE_EXPIRED = "CODE_EXPIRED";

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final Clock clock;

	CodeExchange(GraphCalls graph, Tokens tokens, Failures failures, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		String step = FlowState.EXCHANGING_CODE.step();
		if (flow.encryptedCode() == null) {
			// cannot happen with a well-formed flow; fail clearly rather than call Meta with nothing
			return CompletableFuture.completedFuture(failures.fail(flow, step, null, CODE_INVALID, 400, null,
					"no code", clock.instant(), Map.of(), "The flow has no code to exchange."));
		}
		String code = tokens.code(flow);
		return graph.call(client -> client.exchangeCode(code)).handle((token, failure) -> {
			Instant now = clock.instant();
			if (failure == null) {
				Flow next = flow.toBuilder().encryptedToken(tokens.seal(flow.onboardingId(), token.value()))
						.encryptedCode(null).onboardedAt(now).state(FlowState.DISCOVERING_WABA).succeeded(step).build();
				return Transition.to(next, Duration.ZERO,
						LogEntry.ok(step, null, Map.of("token_type", String.valueOf(token.tokenType()))));
			}
			Failures.Kind kind = Failures.kind(failure);
			if (kind == Failures.Kind.PERMANENT && Integer.valueOf(100).equals(Failures.code(failure))) {
				// Meta answers 100 for a bad, used and expired code alike; only its message tells expiry apart
				boolean expired = Failures.describe(failure).toLowerCase(Locale.ROOT).contains("expired");
				return expired ? failures.fail(flow, step, null, CODE_EXPIRED, 400, 100, Failures.describe(failure), now,
						Map.of("code_issued_at", String.valueOf(flow.codeIssuedAt())),
						"The Embedded Signup code expired before it reached us (codes live 30 s): the customer must "
								+ "sign up again, and the code must be sent at once. " + Failures.describe(failure))
						: failures.fail(flow, step, null, failure, now, Map.of(), CODE_INVALID);
			}
			if (kind.retryable()) {
				Instant expiresAt = flow.codeIssuedAt().plus(CODE_TTL);
				Duration wait = failures.backoff().delay(flow.stepAttempt() + 1, kind == Failures.Kind.THROTTLED);
				if (now.plus(wait).isAfter(expiresAt)) {
					return failures.fail(flow, step, null, CODE_EXPIRED, 400, Failures.code(failure),
							Failures.describe(failure), now, Map.of("code_expires_at", expiresAt.toString()),
							"The code could not be exchanged before it expired (30 s): the customer must sign up again. "
									+ Failures.describe(failure));
				}
			}
			return failures.handle(flow, step, null, failure, now, Map.of(), null);
		});
	}
}

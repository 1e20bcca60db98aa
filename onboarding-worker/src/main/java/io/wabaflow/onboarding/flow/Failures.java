package io.wabaflow.onboarding.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphErrorClass;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * The failure policy of seed 001, done right. Rate limits (4, 80007, ...) and transient errors (1, 2, 131000,
 * 2494100, 5xx, no answer) retry the step with exponential back-off through the delay topics; a rejected token
 * (190, 0), a missing permission (10, 200-299) and a blocked account (368) end the flow with that reason at once,
 * since no retry can fix them; so do exhausted retries. Steps that tolerate some errors (a discovery source, a
 * creation strategy) decide before calling this.
 */
public final class Failures {

	/** Reasons a flow failed; also the {@code error_code} of the StartOnboarding outcome. */
	public static final String TOKEN_INVALID = "TOKEN_INVALID";

	public static final String PERMISSION_DENIED = "PERMISSION_DENIED";

	public static final String ACCOUNT_BLOCKED = "ACCOUNT_BLOCKED";

	public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

	public static final String GRAPH_ERROR = "GRAPH_ERROR";

	/** How a failure is handled. */
	public enum Kind {
		/** 190, 0 and the other credential codes: the customer must sign up again. */
		TOKEN,
		/** 10, 200-299: a permission is missing. */
		PERMISSION,
		/** 368: the account is restricted for policy reasons. */
		BLOCKED,
		/** 4, 80007, ...: back off harder, then retry. */
		THROTTLED,
		/** 1, 2, 131000, 2494100, 5xx: retry with back-off. */
		TRANSIENT,
		/** No answer at all (timeout, connection): retry, but a call that changes something may have happened. */
		NO_ANSWER,
		/** Anything else Meta refused: retrying the same call won't help. */
		PERMANENT;

		/** Ends the flow wherever it happens. */
		public boolean fatal() {
			return this == TOKEN || this == PERMISSION || this == BLOCKED;
		}

		public boolean retryable() {
			return this == THROTTLED || this == TRANSIENT || this == NO_ANSWER;
		}
	}

	private final Backoff backoff;

	public Failures(Backoff backoff) {
		this.backoff = backoff;
	}

	public Backoff backoff() {
		return backoff;
	}

	public static Kind kind(Throwable failure) {
		GraphApiException graph = GraphClient.unwrap(failure);
		if (graph == null) {
			return Kind.TRANSIENT; // our own trouble (a bug, a parse error): retried a few times, then the flow fails
		}
		Integer code = graph.code();
		if (graph.classification() == GraphErrorClass.AUTH) {
			return Kind.TOKEN;
		}
		if (code != null && (code == 10 || (code >= 200 && code <= 299))) {
			return Kind.PERMISSION;
		}
		if (code != null && code == 368) {
			return Kind.BLOCKED;
		}
		return switch (graph.classification()) {
			case THROTTLED -> Kind.THROTTLED;
			case RETRYABLE -> graph.error().httpStatus() == 0 ? Kind.NO_ANSWER : Kind.TRANSIENT;
			default -> Kind.PERMANENT;
		};
	}

	public static Integer code(Throwable failure) {
		GraphApiException graph = GraphClient.unwrap(failure);
		return graph == null ? null : graph.code();
	}

	/** A one-line description without tokens: Graph's (operation, code, message, details) or the exception. */
	public static String describe(Throwable failure) {
		GraphApiException graph = GraphClient.unwrap(failure);
		if (graph != null) {
			return graph.getMessage();
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root
				&& (root instanceof java.util.concurrent.CompletionException
						|| root instanceof java.util.concurrent.ExecutionException)) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * The general policy for a failed step: fatal kinds end the flow, retryable kinds retry with back-off until the
	 * attempts run out, anything else ends the flow as {@link #GRAPH_ERROR} (or {@code permanentReason}).
	 */
	public Transition handle(Flow flow, String step, String strategy, Throwable failure, Instant now,
			Map<String, Object> details, String permanentReason) {
		Kind kind = kind(failure);
		if (kind.retryable()) {
			return retry(flow, step, strategy, failure, now, details);
		}
		return fail(flow, step, strategy, failure, now, details, kind == Kind.PERMANENT ? permanentReason : null);
	}

	/** Retries the current step after its back-off, or ends the flow when its attempts are used up. */
	public Transition retry(Flow flow, String step, String strategy, Throwable failure, Instant now,
			Map<String, Object> details) {
		int failed = flow.stepAttempt() + 1;
		Integer code = code(failure);
		String message = describe(failure);
		if (!backoff.mayRetry(failed)) {
			Map<String, Object> exhausted = new LinkedHashMap<>(details);
			exhausted.put("attempts", failed);
			return fail(flow, step, strategy, RETRIES_EXHAUSTED, 503, code, message, now, exhausted,
					"Meta kept failing after " + failed + " attempts of " + step + ": " + message);
		}
		Duration delay = backoff.delay(failed, kind(failure) == Kind.THROTTLED);
		Map<String, Object> retryDetails = new LinkedHashMap<>(details);
		retryDetails.put("attempt", failed);
		retryDetails.put("retry_in_ms", delay.toMillis());
		retryDetails.put("error_class", kind(failure).name());
		Flow next = flow.toBuilder().stepAttempt(failed).error(code, message, now).build();
		return Transition.to(next, delay, LogEntry.failed(step, strategy, code, message, retryDetails));
	}

	/** Ends the flow because of {@code failure}, with the reason its kind implies. */
	public Transition fail(Flow flow, String step, String strategy, Throwable failure, Instant now,
			Map<String, Object> details, String permanentReason) {
		Kind kind = kind(failure);
		String message = describe(failure);
		String reason;
		int status;
		String explanation;
		switch (kind) {
			case TOKEN -> {
				reason = TOKEN_INVALID;
				status = 401;
				explanation = "Meta rejected the business token: the customer must go through Embedded Signup again. ";
			}
			case PERMISSION -> {
				reason = PERMISSION_DENIED;
				status = 403;
				explanation = "A permission is missing (whatsapp_business_management, business_management): the customer "
						+ "must grant it in Embedded Signup. ";
			}
			case BLOCKED -> {
				reason = ACCOUNT_BLOCKED;
				status = 403;
				explanation = "The account is restricted by Meta for policy reasons. ";
			}
			default -> {
				reason = permanentReason == null ? GRAPH_ERROR : permanentReason;
				status = 502;
				explanation = "Meta refused " + step + ". ";
			}
		}
		return fail(flow, step, strategy, reason, status, code(failure), message, now, details, explanation + message);
	}

	/** Ends the flow with an explicit reason (also used for failures that are not Graph errors). */
	public Transition fail(Flow flow, String step, String strategy, String reason, int httpStatus, Integer code,
			String message, Instant now, Map<String, Object> details, String explanation) {
		Flow next = flow.toBuilder().state(FlowState.FAILED).failureReason(reason).error(code, message, now)
				.completedAt(now).build();
		Map<String, Object> reasonDetails = new LinkedHashMap<>();
		reasonDetails.put("reason", reason);
		reasonDetails.put("failed_step", step);
		return Transition.end(next, Outcome.failed(httpStatus, reason, explanation),
				LogEntry.failed(step, strategy, code, message, details),
				LogEntry.failed("flow_failed", strategy, code, explanation, reasonDetails).as(OnboardingEventType.FAILED));
	}
}

package io.wabaflow.sender.send;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphError;
import io.wabaflow.metagraph.client.GraphModel.SentMessage;
import io.wabaflow.sender.SenderProperties.InDoubtPolicy;
import io.wabaflow.sender.retry.RetryKind;

/**
 * Reads a Graph call's outcome by Meta's error code (never by title or HTTP status, as Meta asks), on top
 * of meta-graph's one classification, with the sender's own distinctions:
 * <ul>
 * <li>131047 (more than 24 h since the user wrote) is a rejection, WINDOW_CLOSED, like our own check;</li>
 * <li>a request that never left (connection refused, connect timeout) is retried, but one that timed out
 * or broke after it was written may have been sent: that is in doubt, and the in-doubt policy decides,
 * because Meta has no idempotency key for sends.</li>
 * </ul>
 */
final class Verdicts {

	static final int WINDOW_CLOSED_CODE = 131047;

	private final InDoubtPolicy inDoubtPolicy;

	Verdicts(InDoubtPolicy inDoubtPolicy) {
		this.inDoubtPolicy = inDoubtPolicy;
	}

	Verdict of(SentMessage sent, Throwable failure) {
		if (failure == null) {
			return new Verdict.Sent(sent.wamid(), sent.waId());
		}
		GraphApiException graph = GraphClient.unwrap(failure);
		if (graph == null) {
			// not a transport failure (those are all GraphApiExceptions): the answer came and could not be read
			return inDoubt("unexpected failure after the call: " + failure);
		}
		GraphError error = graph.error();
		if (error.httpStatus() == 0) {
			Throwable cause = graph.getCause();
			if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
				return new Verdict.Retry(RetryKind.TRANSIENT, null, "connection failed", error.message());
			}
			return inDoubt("no answer from the Graph API: " + error.message());
		}
		Integer code = error.code();
		if (code != null && code == WINDOW_CLOSED_CODE) {
			return new Verdict.Rejected(Rejection.WINDOW_CLOSED, code, error.message(), error.details());
		}
		return switch (error.classification()) {
			case THROTTLED -> new Verdict.Retry(RetryKind.THROTTLED, code, error.message(), error.details());
			case RETRYABLE -> new Verdict.Retry(RetryKind.TRANSIENT, code, error.message(), error.details());
			case AUTH -> new Verdict.Failed(code, error.message(), error.details(), "ACCESS_TOKEN_INVALID");
			case PERMANENT -> new Verdict.Failed(code, error.message(), error.details(), "GRAPH_ERROR");
		};
	}

	private Verdict inDoubt(String details) {
		return inDoubtPolicy == InDoubtPolicy.RESEND ? new Verdict.Retry(RetryKind.TRANSIENT, null, "in doubt", details)
				: new Verdict.InDoubt(details);
	}
}

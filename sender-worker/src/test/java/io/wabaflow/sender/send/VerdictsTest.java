package io.wabaflow.sender.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphError;
import io.wabaflow.metagraph.client.GraphModel.SentMessage;
import io.wabaflow.sender.SenderProperties.InDoubtPolicy;
import io.wabaflow.sender.retry.RetryKind;

/** A Graph call's outcome read by Meta's code, and the in-doubt cases. */
class VerdictsTest {

	private final Verdicts verdicts = new Verdicts(InDoubtPolicy.MARK_UNKNOWN);

	@Test
	void sent() {
		assertThat(verdicts.of(new SentMessage("wamid.1", "5511", "+5511", "accepted"), null))
				.isEqualTo(new Verdict.Sent("wamid.1", "5511"));
	}

	@Test
	void throttlingAndPairRateBackOffAsThrottled() {
		for (int code : new int[] { 130429, 131056, 4, 80007 }) {
			assertThat(verdicts.of(null, meta(code, 400))).isInstanceOfSatisfying(Verdict.Retry.class,
					retry -> assertThat(retry.kind()).isEqualTo(RetryKind.THROTTLED));
		}
	}

	@Test
	void transientCodesAndServerErrorsAreRetried() {
		for (int code : new int[] { 1, 2, 131000, 131016, 133004, 2494100 }) {
			assertThat(verdicts.of(null, meta(code, 500))).isInstanceOfSatisfying(Verdict.Retry.class,
					retry -> assertThat(retry.kind()).isEqualTo(RetryKind.TRANSIENT));
		}
		assertThat(verdicts.of(null, new GraphApiException("send message",
				new GraphError(null, null, null, "HTTP 502 without a Graph error body", null, null, 502), null)))
				.isInstanceOf(Verdict.Retry.class);
	}

	@Test
	void windowClosedIsARejectionAndOtherCodesFailWithTheirCode() {
		assertThat(verdicts.of(null, meta(131047, 400))).isEqualTo(
				new Verdict.Rejected("WINDOW_CLOSED", 131047, "message", "details"));
		assertThat(verdicts.of(null, meta(131026, 400))).isEqualTo(
				new Verdict.Failed(131026, "message", "details", "GRAPH_ERROR"));
		assertThat(verdicts.of(null, meta(190, 401))).isInstanceOfSatisfying(Verdict.Failed.class,
				failed -> assertThat(failed.reason()).isEqualTo("ACCESS_TOKEN_INVALID"));
	}

	@Test
	void aRequestThatNeverLeftIsRetriedButOneThatTimedOutIsInDoubt() {
		assertThat(verdicts.of(null, unreachable(new ConnectException("refused")))).isInstanceOf(Verdict.Retry.class);
		assertThat(verdicts.of(null, unreachable(new HttpTimeoutException("timed out"))))
				.isInstanceOf(Verdict.InDoubt.class);
		assertThat(new Verdicts(InDoubtPolicy.RESEND).of(null, unreachable(new HttpTimeoutException("timed out"))))
				.isInstanceOf(Verdict.Retry.class);
	}

	private static GraphApiException meta(int code, int status) {
		return new GraphApiException("send message", new GraphError(code, null, "OAuthException", "message", "details",
				"trace", status), null);
	}

	private static GraphApiException unreachable(Exception cause) {
		return new GraphApiException("send message", GraphError.unreachable(cause.getMessage()), cause);
	}
}

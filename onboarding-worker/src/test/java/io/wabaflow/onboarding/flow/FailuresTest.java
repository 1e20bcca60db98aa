package io.wabaflow.onboarding.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphError;
import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

class FailuresTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final Failures failures = new Failures(new Backoff(new OnboardingProperties.Retry(3, Duration.ofSeconds(2),
			2.0, Duration.ofSeconds(60), Duration.ofSeconds(15))));

	private final Flow flow = Flow.start("ob-1", "cmd-1", "tenant-a", new Hints("FINISH", null, null, null),
			new byte[] { 1 }, NOW, NOW).toBuilder().state(FlowState.REGISTERING_PHONE).build();

	@Test
	void metasCodesMapToTheSeedsPolicy() {
		assertThat(Failures.kind(graph(190, 401))).isEqualTo(Failures.Kind.TOKEN);
		assertThat(Failures.kind(graph(0, 401))).isEqualTo(Failures.Kind.TOKEN);
		assertThat(Failures.kind(graph(200, 403))).isEqualTo(Failures.Kind.PERMISSION);
		assertThat(Failures.kind(graph(10, 403))).isEqualTo(Failures.Kind.PERMISSION);
		assertThat(Failures.kind(graph(368, 403))).isEqualTo(Failures.Kind.BLOCKED);
		assertThat(Failures.kind(graph(4, 400))).isEqualTo(Failures.Kind.THROTTLED);
		assertThat(Failures.kind(graph(80007, 400))).isEqualTo(Failures.Kind.THROTTLED);
		assertThat(Failures.kind(graph(1, 400))).isEqualTo(Failures.Kind.TRANSIENT);
		assertThat(Failures.kind(graph(2, 503))).isEqualTo(Failures.Kind.TRANSIENT);
		assertThat(Failures.kind(graph(131000, 500))).isEqualTo(Failures.Kind.TRANSIENT);
		assertThat(Failures.kind(graph(2494100, 400))).isEqualTo(Failures.Kind.TRANSIENT);
		assertThat(Failures.kind(graph(null, 502))).isEqualTo(Failures.Kind.TRANSIENT);
		assertThat(Failures.kind(new CompletionException(new GraphApiException("x", GraphError.unreachable("timed out"),
				null)))).isEqualTo(Failures.Kind.NO_ANSWER);
		assertThat(Failures.kind(graph(100, 400))).isEqualTo(Failures.Kind.PERMANENT);
		assertThat(Failures.kind(new IllegalStateException("bug"))).isEqualTo(Failures.Kind.TRANSIENT);
	}

	@Test
	void aTransientErrorRetriesTheSameStepAfterItsBackOff() {
		Transition retry = failures.handle(flow, "phone_registration", null, graph(131000, 500), NOW, Map.of(), null);

		assertThat(retry.next().state()).isEqualTo(FlowState.REGISTERING_PHONE);
		assertThat(retry.next().stepAttempt()).isEqualTo(1);
		assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.log()).singleElement().satisfies(entry -> {
			assertThat(entry.success()).isFalse();
			assertThat(entry.errorCode()).isEqualTo(131000);
			assertThat(entry.details()).containsEntry("attempt", 1).containsEntry("retry_in_ms", 2000L);
		});
		assertThat(retry.outcome()).isNull();
	}

	@Test
	void throttlingBacksOffHarder() {
		Transition retry = failures.handle(flow, "phone_registration", null, graph(80007, 400), NOW, Map.of(), null);

		assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void retriesRunOutAndTheFlowFails() {
		Flow tired = flow.toBuilder().stepAttempt(2).build();

		Transition failed = failures.handle(tired, "phone_registration", null, graph(2, 503), NOW, Map.of(), null);

		assertThat(failed.next().state()).isEqualTo(FlowState.FAILED);
		assertThat(failed.next().failureReason()).isEqualTo(Failures.RETRIES_EXHAUSTED);
		assertThat(failed.delay()).isNull();
		assertThat(failed.outcome().httpStatus()).isEqualTo(503);
	}

	@Test
	void aRejectedTokenEndsTheFlowAtOnceWithItsReason() {
		Transition failed = failures.handle(flow, "phone_registration", null, graph(190, 401), NOW, Map.of(), null);

		assertThat(failed.next().state()).isEqualTo(FlowState.FAILED);
		assertThat(failed.next().failureReason()).isEqualTo(Failures.TOKEN_INVALID);
		assertThat(failed.next().lastErrorCode()).isEqualTo(190);
		assertThat(failed.next().completedAt()).isEqualTo(NOW);
		assertThat(failed.outcome().outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(failed.outcome().httpStatus()).isEqualTo(401);
		assertThat(failed.outcome().errorCode()).isEqualTo("TOKEN_INVALID");
		assertThat(failed.log()).extracting(LogEntry::step).containsExactly("phone_registration", "flow_failed");
		assertThat(failed.log().get(1).eventType()).isEqualTo(OnboardingEventType.FAILED);
	}

	@Test
	void permissionAndBlockOutcomesAre403AndOtherRefusalsTheStepsOwnReason() {
		assertThat(failures.handle(flow, "s", null, graph(200, 403), NOW, Map.of(), null).outcome().errorCode())
				.isEqualTo(Failures.PERMISSION_DENIED);
		assertThat(failures.handle(flow, "s", null, graph(368, 403), NOW, Map.of(), null).outcome().errorCode())
				.isEqualTo(Failures.ACCOUNT_BLOCKED);
		assertThat(failures.handle(flow, "s", null, graph(133005, 400), NOW, Map.of(), "REGISTRATION_FAILED").outcome()
				.errorCode()).isEqualTo("REGISTRATION_FAILED");
	}

	@Test
	void aTerminalTransitionHasNoNextStep() {
		Flow done = flow.toBuilder().state(FlowState.COMPLETED).build();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transition.to(done, Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transition.end(flow, null))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private static Throwable graph(Integer code, int status) {
		return new CompletionException(new GraphApiException("op", new GraphError(code, null, "OAuthException",
				"message", null, "trace", status), null));
	}
}

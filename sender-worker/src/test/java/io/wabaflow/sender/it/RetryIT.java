package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;

/**
 * Meta's throttling, pair-rate and transient errors go through the delay topics and are sent later;
 * permanent errors are recorded with Meta's code; retries give up after their limit. Delays are scaled
 * down for the tests (100 ms × 4^n for throttling, 100 ms × 2^n for transient errors).
 */
class RetryIT extends SenderScenario {

	@Test
	void pairRateLimitIsRetriedLaterAndThenSent() {
		assertRetriedThenSent(131056, 2, new long[] { 100, 400 });
	}

	@Test
	void throughputLimitIsRetriedLaterAndThenSent() {
		assertRetriedThenSent(130429, 2, new long[] { 100, 400 });
	}

	@Test
	void transientErrorIsRetriedLaterAndThenSent() {
		assertRetriedThenSent(131000, 3, new long[] { 100, 200, 400 });
	}

	private void assertRetriedThenSent(int code, int failures, long[] backoffMillis) {
		TestNumber number = cloudNumber(null);
		failCalls(number.phoneNumberId(), code, failures);
		SendMessage command = template(number.phoneNumberId(), newUser());

		send(command);

		Send sent = awaitState(command.getCommandId(), SendState.SENT, SendState.FAILED);
		assertThat(sent.state()).isEqualTo(SendState.SENT);
		assertThat(sent.attempt()).isEqualTo(failures + 1);
		List<JsonNode> calls = messageCalls(number.phoneNumberId());
		assertThat(calls).hasSize(failures + 1);
		assertThat(accepted(number.phoneNumberId())).hasSize(1);
		for (int i = 0; i < failures; i++) {
			assertThat(calls.get(i).path("errorCode").asInt()).isEqualTo(code);
			// retried later, never sooner than its back-off (the sandbox's clock stamps arrivals)
			long gap = Duration.between(Instant.parse(calls.get(i).path("at").asString()),
					Instant.parse(calls.get(i + 1).path("at").asString())).toMillis();
			assertThat(gap).as("gap after call %d", i + 1).isGreaterThanOrEqualTo(backoffMillis[i] - 5);
		}
		await().atMost(SETTLED).until(() -> !tap().results(command.getCommandId()).isEmpty());
		assertThat(tap().events(command.getCommandId())).extracting(MessageEvent::getStatus)
				.containsExactly(OutboundStatus.ACCEPTED, OutboundStatus.SENT);
	}

	@Test
	void aPermanentErrorIsRecordedWithItsCodeAndNotRetried() {
		TestNumber number = cloudNumber(null);
		failCalls(number.phoneNumberId(), 131026, 1); // undeliverable
		SendMessage command = template(number.phoneNumberId(), newUser());

		send(command);

		Send failed = awaitState(command.getCommandId(), SendState.FAILED, SendState.SENT);
		assertThat(failed.state()).isEqualTo(SendState.FAILED);
		assertThat(failed.errorCode()).isEqualTo(131026);
		assertThat(failed.reason()).isEqualTo("GRAPH_ERROR");
		assertThat(failed.attempt()).isEqualTo(1);
		await().atMost(SETTLED).until(() -> !tap().results(command.getCommandId()).isEmpty());
		CommandResult result = tap().results(command.getCommandId()).get(0);
		assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.getHttpStatus()).isEqualTo(502);
		assertThat(result.getErrorCode()).isEqualTo("META_131026");
		MessageEvent event = tap().events(command.getCommandId()).get(1);
		assertThat(event.getStatus()).isEqualTo(OutboundStatus.FAILED);
		assertThat(event.getErrorCode()).isEqualTo(131026);
		assertThat(getMessage(command.getCommandId())).containsEntry("state", "failed");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
				.until(() -> messageCalls(number.phoneNumberId()).size() == 1);
	}

	@Test
	void transientErrorsGiveUpAfterTheirLimit() {
		TestNumber number = cloudNumber(null);
		failCalls(number.phoneNumberId(), 2, 10); // temporary downtime that outlasts the retries
		SendMessage command = template(number.phoneNumberId(), newUser());

		send(command);

		Send failed = awaitState(command.getCommandId(), SendState.FAILED, SendState.SENT);
		assertThat(failed.state()).isEqualTo(SendState.FAILED);
		assertThat(failed.reason()).isEqualTo("RETRIES_EXHAUSTED");
		assertThat(failed.errorCode()).isEqualTo(2);
		assertThat(failed.attempt()).isEqualTo(5);
		assertThat(messageCalls(number.phoneNumberId())).hasSize(5);
	}
}

package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;

/** The command id is the idempotency key: a duplicated or redelivered command never calls Meta again. */
class OncePerCommandIT extends SenderScenario {

	@Test
	void aDuplicatedCommandIsSentOnceAndTheDuplicateGetsTheSameOutcome() {
		TestNumber number = cloudNumber(null);
		String user = newUser();
		SendMessage command = template(number.phoneNumberId(), user);

		send(command, command, command); // the same command three times in one poll
		Send sent = awaitState(command.getCommandId(), SendState.SENT);
		send(command); // and once more after it was sent (a redelivery, a client retrying)

		await().atMost(SETTLED).until(() -> tap().results(command.getCommandId()).size() >= 2);
		assertThat(accepted(number.phoneNumberId())).hasSize(1);
		assertThat(messageCalls(number.phoneNumberId())).hasSize(1);
		assertThat(tap().results(command.getCommandId())).extracting(CommandResult::getDataJson)
				.allSatisfy(data -> assertThat(data).contains(sent.wamid()));
		assertThat(store.find(command.getCommandId()).orElseThrow().attempt()).isEqualTo(1);
	}

	@Test
	void duplicatesArrivingWhileTheFirstIsStillQueuedAreNotSentEither() {
		TestNumber slow = cloudNumber(2); // two per second: the commands wait in the lane
		String user = newUser();
		SendMessage[] commands = new SendMessage[6];
		for (int i = 0; i < commands.length; i++) {
			commands[i] = template(slow.phoneNumberId(), user);
		}
		send(commands);
		send(commands); // every one of them again while most are still queued

		for (SendMessage command : commands) {
			awaitState(command.getCommandId(), SendState.SENT);
		}
		await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
				.until(() -> accepted(slow.phoneNumberId()).size() == commands.length);
		assertThat(messageCalls(slow.phoneNumberId())).hasSize(commands.length);
	}
}

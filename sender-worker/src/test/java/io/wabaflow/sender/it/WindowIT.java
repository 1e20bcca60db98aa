package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;

/**
 * The 24 h customer service window, from the sender's own table fed by the webhook topic: closed means
 * WINDOW_CLOSED without a Graph call; templates always pass; Meta's 131047 is recorded the same way.
 */
class WindowIT extends SenderScenario {

	@Test
	void freeFormNeedsTheUsersMessageWithin24HoursAndTemplatesAlwaysPass() throws Exception {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String user = newUser();

		// never wrote: closed, and Meta is not called
		SendMessage tooEarly = text(phone, user, "Olá!");
		SendMessage welcome = template(phone, user);
		send(tooEarly, welcome);
		Send rejected = awaitState(tooEarly.getCommandId(), SendState.REJECTED);
		assertThat(rejected.reason()).isEqualTo("WINDOW_CLOSED");
		assertThat(awaitState(welcome.getCommandId(), SendState.SENT).wamid()).isNotNull();
		assertThat(accepted(phone)).hasSize(1);
		assertThat(messageCalls(phone)).hasSize(1);
		await().atMost(SETTLED).until(() -> !tap().results(tooEarly.getCommandId()).isEmpty());
		CommandResult result = tap().results(tooEarly.getCommandId()).get(0);
		assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(result.getHttpStatus()).isEqualTo(422);
		assertThat(result.getErrorCode()).isEqualTo("WINDOW_CLOSED");

		// the user writes: the window is open, a free-form reply goes out
		userWrites(number, user, "Oi, tudo bem?");
		SendMessage reply = text(phone, user, "Tudo! Em que posso ajudar?");
		awaitWindowOpen(phone, user);
		send(reply);
		assertThat(awaitState(reply.getCommandId(), SendState.SENT, SendState.REJECTED).state()).isEqualTo(SendState.SENT);

		// 24 h and a minute later (the worker's clock and the sandbox's): closed again, templates still pass
		clock.advance(Duration.ofHours(24).plusMinutes(1));
		SCENARIO.advanceClock(Duration.ofHours(24).plusMinutes(1));
		SendMessage late = text(phone, user, "Ainda está aí?");
		SendMessage reminder = template(phone, user);
		send(late, reminder);
		assertThat(awaitState(late.getCommandId(), SendState.REJECTED).reason()).isEqualTo("WINDOW_CLOSED");
		assertThat(awaitState(reminder.getCommandId(), SendState.SENT).wamid()).isNotNull();
		assertThat(messageCalls(phone)).hasSize(3); // template, reply, template: never the closed ones
	}

	@Test
	void metasWindowErrorIsRecordedAsWindowClosed() throws Exception {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String user = newUser();
		userWrites(number, user, "Olá");
		awaitWindowOpen(phone, user);
		failCalls(phone, 131047, 1); // Meta disagrees (its window closed first): a synchronous 131047

		SendMessage message = text(phone, user, "Resposta");
		send(message);

		Send row = awaitState(message.getCommandId(), SendState.REJECTED, SendState.FAILED, SendState.SENT);
		assertThat(row.state()).isEqualTo(SendState.REJECTED);
		assertThat(row.reason()).isEqualTo("WINDOW_CLOSED");
		assertThat(row.errorCode()).isEqualTo(131047);
		assertThat(row.attempt()).isEqualTo(1);
		assertThat(messageCalls(phone)).hasSize(1);
	}

	@Test
	void echoesOfTheBusinessAppDoNotOpenAWindow() throws Exception {
		TestNumber number = coexistenceNumber();
		String phone = number.phoneNumberId();
		String user = newUser();
		String echo = SCENARIO.post("/echoes", java.util.Map.of("phoneNumberId", phone, "to", user, "text",
				"respondi pelo app")).path("wamid").asString();
		forward(await().atMost(SETTLED).until(() -> WEBHOOKS.accepted("smb_message_echoes").stream()
				.filter(r -> r.body().contains(echo)).findFirst().orElse(null), r -> r != null).rawBody());

		// the echo was consumed once a later inbound of another user shows up in the table
		String other = newUser();
		userWrites(number, other, "oi");
		awaitWindowOpen(phone, other);
		SendMessage message = text(phone, user, "Olá");
		send(message);
		assertThat(awaitState(message.getCommandId(), SendState.REJECTED).reason()).isEqualTo("WINDOW_CLOSED");
	}

	@Test
	void aUserKnownByBusinessScopedIdOnlyIsAnsweredByItInsideTheirWindow() throws Exception {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		// a username user: the webhook names them by BSUID only (facts §2.0)
		ScenarioClient.Injected wrote = SCENARIO.injectTextFromUsernameUser(phone, newUser(), "fa.da.padaria", "Oi!");
		forward(await().atMost(SETTLED).until(() -> WEBHOOKS.accepted("messages").stream()
				.filter(r -> r.body().contains(wrote.wamid())).findFirst().orElse(null), r -> r != null).rawBody());
		String bsuid = wrote.userId();
		awaitWindowOpen(phone, bsuid);

		SendMessage reply = text(phone, bsuid, "Olá! Em que posso ajudar?");
		SendMessage stranger = text(phone, "BR.12345678901234567890", "Olá");
		SendMessage malformed = text(phone, "BR-not-an-id", "Olá");
		send(reply, stranger, malformed);

		assertThat(awaitState(reply.getCommandId(), SendState.SENT, SendState.REJECTED).state()).isEqualTo(SendState.SENT);
		// Meta was asked with "recipient", never "to": the sender does not know the phone, and needs none
		JsonNode request = accepted(phone).get(0).path("request");
		assertThat(request.path("recipient").asString()).isEqualTo(bsuid);
		assertThat(request.has("to")).isFalse();
		assertThat(awaitState(stranger.getCommandId(), SendState.REJECTED).reason()).isEqualTo("WINDOW_CLOSED");
		Send invalid = awaitState(malformed.getCommandId(), SendState.REJECTED);
		await().atMost(SETTLED).until(() -> !tap().results(malformed.getCommandId()).isEmpty());
		assertThat(tap().results(malformed.getCommandId()).get(0).getMessage()).contains("business-scoped user id");
		assertThat(invalid.reason()).isNotEqualTo("WINDOW_CLOSED");
		assertThat(messageCalls(phone)).as("only the answer inside the window reached Meta").hasSize(1);
	}
}

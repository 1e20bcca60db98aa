package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;

/**
 * Meta's messaging limit, as the registry carries it (the onboarding worker sets it from business_capability_update
 * and quality tiers): templates that start conversations count by unique user in a moving 24 h, one beyond the limit
 * is refused without a Graph call, answers to users who wrote are not counted, and a raised limit lets sends through.
 */
class MessagingLimitIT extends SenderScenario {

	@Test
	void templatesStartingConversationsStopAtTheLimitAndARaisedLimitLetsThemThrough() throws Exception {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String token = SCENARIO.businessToken(number.businessId());
		register(phone, number.wabaId(), number.tenant(), NumberType.CLOUD, NumberStatus.ACTIVE, null, 2, token);

		String ana = newUser();
		String bia = newUser();
		String caio = newUser();
		SendMessage toAna = template(phone, ana);
		SendMessage toBia = template(phone, bia);
		SendMessage toCaio = template(phone, caio);
		send(toAna, toBia, toCaio);
		assertThat(awaitState(toAna.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(awaitState(toBia.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		Send refused = awaitState(toCaio.getCommandId(), SendState.REJECTED);
		assertThat(refused.reason()).isEqualTo("MESSAGING_LIMIT");
		assertThat(refused.errorDetails()).contains("2 unique users in a moving 24 h");
		assertThat(messageCalls(phone)).as("the third conversation never reached Meta").hasSize(2);

		// Ana again costs nothing (she is counted already); a user who wrote is answered outside the count
		String dani = newUser();
		userWrites(number, dani, "Oi!");
		awaitWindowOpen(phone, dani);
		SendMessage anaAgain = template(phone, ana);
		SendMessage toDani = template(phone, dani);
		send(anaAgain, toDani);
		assertThat(awaitState(anaAgain.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(awaitState(toDani.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);

		// Meta raises the limit (business_capability_update → the registry): Caio's next template goes out
		register(phone, number.wabaId(), number.tenant(), NumberType.CLOUD, NumberStatus.ACTIVE, null, 1_000, token);
		SendMessage caioAgain = template(phone, caio);
		send(caioAgain);
		assertThat(awaitState(caioAgain.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(messageCalls(phone)).hasSize(5);
	}
}

package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;

/**
 * A number's lifecycle as the registry tells it: an offboarded or disconnected number's sends are refused
 * NUMBER_DISCONNECTED without a Graph call, from the moment the registry says so; reconnected, it sends again.
 */
class NumberLifecycleIT extends SenderScenario {

	@Test
	void anOffboardedOrDisconnectedNumberSendsNothingAndAReconnectedOneResumes() {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String token = SCENARIO.businessToken(number.businessId());
		SendMessage before = template(phone, newUser());
		send(before);
		assertThat(awaitState(before.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);

		for (NumberStatus status : new NumberStatus[] { NumberStatus.OFFBOARDED, NumberStatus.DISCONNECTED }) {
			register(phone, number.wabaId(), number.tenant(), NumberType.CLOUD, status, null, token);
			SendMessage refused = template(phone, newUser());
			send(refused);
			Send row = awaitState(refused.getCommandId(), SendState.REJECTED, SendState.SENT);
			assertThat(row.state()).isEqualTo(SendState.REJECTED);
			assertThat(row.reason()).isEqualTo("NUMBER_DISCONNECTED");
			assertThat(row.errorDetails()).contains("is " + status.name().toLowerCase());
		}
		assertThat(messageCalls(phone)).as("nothing reached Meta while the number was away").hasSize(1);

		register(phone, number.wabaId(), number.tenant(), NumberType.CLOUD, NumberStatus.ACTIVE, null, token);
		SendMessage after = template(phone, newUser());
		send(after);
		assertThat(awaitState(after.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(messageCalls(phone)).hasSize(2);
	}
}

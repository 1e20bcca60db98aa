package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;

/**
 * Meta's pair rate kept before Meta enforces it: 60 templates to one user within a minute leave as the pair quota
 * allows (Meta's burst of 45, then one per interval: 6 s at Meta, 1 s in these tests at the sandbox as at the worker),
 * so Meta never answers 131056 and nothing is retried, while another user's message does not wait behind them.
 */
class PairPacingIT extends SenderScenario {

	@Test
	void aBurstToOneUserIsSpreadOverThePairQuotaAndNeverRefused() {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String ana = newUser();
		List<SendMessage> toAna = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			toAna.add(template(phone, ana));
		}
		SendMessage toBia = template(phone, newUser());
		List<SendMessage> all = new ArrayList<>(toAna);
		all.add(toBia);
		send(all.toArray(SendMessage[]::new));

		assertThat(awaitState(toBia.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		for (SendMessage message : toAna) {
			Send row = awaitSettled(message);
			assertThat(row.state()).as(row.toString()).isEqualTo(SendState.SENT);
			assertThat(row.attempt()).as("no 131056 to retry").isEqualTo(1);
		}
		assertThat(messageCalls(phone)).as("every call accepted at once").hasSize(61);
		List<Long> left = departures.of(phone);
		assertThat(left).hasSize(61);
		// Ana's 45 and Bia's leave as the number's rate allows; Ana's 15 others need 15 refills of 1.5 s (interval +
		// margin) counted from her first message, and once the quota is spent they leave one refill apart
		assertThat(Duration.ofNanos(left.get(60) - left.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
		for (int i = 53; i <= 60; i++) {
			assertThat(Duration.ofNanos(left.get(i) - left.get(i - 1))).as("departure " + i)
					.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
	}

	private Send awaitSettled(SendMessage message) {
		return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> store.find(message.getCommandId()).orElse(null),
						row -> row != null && row.state().settled());
	}
}

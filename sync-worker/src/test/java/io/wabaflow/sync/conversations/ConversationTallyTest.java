package io.wabaflow.sync.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.wabaflow.sync.conversations.ConversationTally.Message;
import io.wabaflow.sync.identity.ConversationKey;

class ConversationTallyTest {

	private static final ConversationKey KEY = new ConversationKey("pn-1", "5511999");

	@Test
	void countsByDirectionSenderAndOriginAndKeepsTheLatestMessage() {
		ConversationTally tally = tally(List.of(
				new Message("wamid.h", "inbound", "history", "contact", 1_000, "text", false, false, false),
				new Message("wamid.a", "inbound", "cloud_api", "contact", 5_000, "text", false, false, false),
				new Message("cmd:1", "outbound", "api", "agent", 6_000, "text", false, false, false),
				new Message("cmd:2", "outbound", "api", "bot", 7_000, "template", false, false, false),
				new Message("wamid.e", "outbound", "business_app", "business_app", 8_000, "image", false, false, false)));

		assertThat(tally.messages()).isEqualTo(5);
		assertThat(tally.inbound()).isEqualTo(2);
		assertThat(tally.outbound()).isEqualTo(3);
		assertThat(tally.fromContact()).isEqualTo(2);
		assertThat(tally.fromAgent()).isEqualTo(1);
		assertThat(tally.fromBot()).isEqualTo(1);
		assertThat(tally.fromBusinessApp()).isEqualTo(1);
		assertThat(tally.history()).isEqualTo(1);
		assertThat(tally.last().messageId()).isEqualTo("wamid.e");
		assertThat(tally.lastInboundAt()).isEqualTo(5_000);
		assertThat(tally.lastAgentAt()).isEqualTo(6_000);
		assertThat(tally.lastBusinessAppAt()).isEqualTo(8_000);
	}

	@Test
	void onlyALiveUserMessageOpensTheWindow() {
		ConversationTally tally = tally(List.of(
				new Message("wamid.h", "inbound", "history", "contact", 9_000, "text", false, false, false),
				new Message("wamid.e", "outbound", "business_app", "business_app", 8_000, "text", false, false, false),
				new Message("wamid.a", "inbound", "cloud_api", "contact", 5_000, "text", false, false, false)));

		assertThat(tally.lastUserMessageAt()).isEqualTo(5_000);
		assertThat(tally.lastInboundAt()).isEqualTo(9_000);
	}

	@Test
	void unreadCountsLiveInboundMessagesAfterTheLastReplyAndTheLastReadMark() {
		List<Message> messages = new ArrayList<>(List.of(
				new Message("wamid.1", "inbound", "cloud_api", "contact", 1_000, "text", false, false, false),
				new Message("cmd:1", "outbound", "api", "agent", 2_000, "text", false, false, false),
				new Message("wamid.2", "inbound", "cloud_api", "contact", 3_000, "text", false, true, false),
				new Message("wamid.3", "inbound", "cloud_api", "contact", 4_000, "text", false, false, false),
				new Message("wamid.4", "inbound", "history", "contact", 5_000, "text", false, false, false),
				new Message("wamid.5", "inbound", "cloud_api", "contact", 6_000, "text", false, false, false)));

		assertThat(tally(messages).unread()).as("wamid.3 and wamid.5: after the reply and the read mark").isEqualTo(2);
	}

	@Test
	void aRefusedCommandNeitherCountsNorAnswersTheUser() {
		ConversationTally tally = tally(List.of(
				new Message("wamid.1", "inbound", "cloud_api", "contact", 1_000, "text", false, false, false),
				new Message("cmd:rejected", "outbound", "api", "agent", 2_000, "text", false, false, true)));

		assertThat(tally.messages()).isEqualTo(1);
		assertThat(tally.outbound()).isZero();
		assertThat(tally.fromAgent()).isZero();
		assertThat(tally.last().messageId()).isEqualTo("wamid.1");
		assertThat(tally.unread()).as("nothing reached the user: the message is still unanswered").isEqualTo(1);
	}

	@Test
	void theSameMessagesInAnyOrderGiveTheSameTally() {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			// ties on the time: the message id decides, whatever the order of arrival
			messages.add(new Message("wamid." + i, i % 3 == 0 ? "outbound" : "inbound", "cloud_api",
					i % 3 == 0 ? "agent" : "contact", 1_000L * (i / 4), "text", false, i == 17, false));
		}
		ConversationTally inOrder = tally(messages);
		Collections.shuffle(messages, new Random(7));
		ConversationTally shuffled = tally(messages);

		assertThat(shuffled.last()).isEqualTo(inOrder.last());
		assertThat(shuffled.last().messageId()).isEqualTo("wamid.39");
		assertThat(shuffled.unread()).isEqualTo(inOrder.unread());
		assertThat(shuffled.lastUserMessageAt()).isEqualTo(inOrder.lastUserMessageAt());
	}

	private static ConversationTally tally(List<Message> messages) {
		ConversationTally tally = new ConversationTally(KEY);
		messages.forEach(tally::add);
		return tally;
	}
}

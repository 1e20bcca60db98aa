package io.wabaflow.sender.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.webhook.WebhookChange;

/** Which webhook changes open a window: user messages only, by Meta's timestamp, newest per user. */
class InboundMessagesTest {

	private final InboundMessages inbound = new InboundMessages();

	@Test
	void userMessagesOpenTheWindowAtTheirOwnTimestamp() {
		List<InboundMessages.Inbound> windows = inbound.latest(List.of(
				change("messages", messages("5511911112222", "1767225600", "text")),
				change("messages", messages("5511911112222", "1767225700", "image")),
				change("messages", messages("5511911112222", "1767225650", "text"))));

		assertThat(windows).containsExactly(new InboundMessages.Inbound("pn-1", "5511911112222",
				Instant.ofEpochSecond(1767225700), "wamid.1767225700"));
	}

	@Test
	void statusesEchoesHistoryAndSystemMessagesDoNot() {
		String statuses = "{\"metadata\":{\"phone_number_id\":\"pn-1\"},\"statuses\":[{\"id\":\"wamid.S\","
				+ "\"status\":\"read\",\"timestamp\":\"1767225600\",\"recipient_id\":\"5511911112222\"}]}";
		assertThat(inbound.latest(List.of(change("messages", statuses),
				change("smb_message_echoes", messages("5511911112222", "1767225600", "text")),
				change("history", messages("5511911112222", "1767225600", "text")),
				change("messages", messages("5511911112222", "1767225600", "system"))))).isEmpty();
	}

	@Test
	void aPhoneSharedByARequestContactInfoTapOpensTheWindowTooAForwardedCardDoesNot() {
		String shared = "{\"metadata\":{\"phone_number_id\":\"pn-1\"},\"contacts\":[{\"user_id\":\"BR.ABC1\"}],"
				+ "\"messages\":[{\"from_user_id\":\"BR.ABC1\",\"id\":\"wamid.C\",\"timestamp\":\"1767225600\","
				+ "\"type\":\"contacts\",\"contacts\":[{\"origin\":\"%s\",\"phones\":[{\"wa_id\":\"%s\"}]}]}]}";
		assertThat(inbound.latest(List.of(change("messages", shared.formatted("contact_request", "5511933334444")))))
				.extracting(InboundMessages.Inbound::waId).containsExactlyInAnyOrder("BR.ABC1", "5511933334444");
		assertThat(inbound.latest(List.of(change("messages", shared.formatted("other", "5511955556666")))))
				.extracting(InboundMessages.Inbound::waId).containsExactly("BR.ABC1");
	}

	private static String messages(String from, String timestamp, String type) {
		return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"pn-1\"},"
				+ "\"contacts\":[{\"profile\":{\"name\":\"Ana\"},\"wa_id\":\"" + from + "\"}],"
				+ "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid." + timestamp + "\",\"timestamp\":\""
				+ timestamp + "\",\"type\":\"" + type + "\",\"text\":{\"body\":\"oi\"}}]}";
	}

	private static WebhookChange change(String field, String value) {
		return WebhookChange.newBuilder().setEventId(field + value.hashCode()).setWabaId("waba").setField(field)
				.setPhoneNumberId("pn-1").setValueJson(value).setReceivedAt(Instant.EPOCH).build();
	}
}

package io.wabaflow.sender.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The Graph request bodies, in Meta's shape (facts file 4.1). */
class GraphRequestsTest {

	private final GraphRequests requests = new GraphRequests(JsonMapper.builder().build());

	@Test
	void aTextReplyWithCallbackData() {
		Send send = send("TEXT", "{\"body\":\"Olá\",\"preview_url\":true}", "wamid.IN", "order-7");
		assertThat(requests.body(send).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\","
				+ "\"recipient_type\":\"individual\",\"to\":\"+55 11 98765-4321\",\"type\":\"text\","
				+ "\"text\":{\"body\":\"Olá\",\"preview_url\":true},\"context\":{\"message_id\":\"wamid.IN\"},"
				+ "\"biz_opaque_callback_data\":\"order-7\"}");
	}

	@Test
	void contactsAreAnArrayAndMarkReadIsAStatus() {
		assertThat(requests.body(send("CONTACTS", "[{\"name\":{\"formatted_name\":\"Ana\"}}]", null, null))
				.path("contacts").get(0).path("name").path("formatted_name").asString()).isEqualTo("Ana");
		assertThat(requests.body(send("MARK_READ", "{\"message_id\":\"wamid.X\"}", null, null)).toString())
				.isEqualTo("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.X\"}");
	}

	private static Send send(String type, String content, String replyTo, String biz) {
		return new Send("cmd", "t", "pn", "+55 11 98765-4321", type, content, replyTo, "AGENT", biz, Instant.EPOCH, 0,
				SendState.PENDING, 0, null, null, null, null, null, null, null, null, null, null, Instant.EPOCH,
				Instant.EPOCH, null);
	}
}

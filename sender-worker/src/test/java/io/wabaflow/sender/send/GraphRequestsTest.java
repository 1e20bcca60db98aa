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

	@Test
	void aUserKnownByBusinessScopedIdIsTheRecipientNotTo() {
		Send send = send("TEXT", "{\"body\":\"Olá\"}", null, null, " US.13491208655302741918 ");
		assertThat(requests.body(send).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\","
				+ "\"recipient_type\":\"individual\",\"recipient\":\"US.13491208655302741918\",\"type\":\"text\","
				+ "\"text\":{\"body\":\"Olá\"}}");
		assertThat(Recipients.key("+55 11 98765-4321")).isEqualTo("5511987654321");
		assertThat(Recipients.validBsuid("US.ENT.11815799212886844830")).isTrue();
		assertThat(Recipients.validBsuid("US-1349")).isFalse();
	}

	private static Send send(String type, String content, String replyTo, String biz) {
		return send(type, content, replyTo, biz, "+55 11 98765-4321");
	}

	private static Send send(String type, String content, String replyTo, String biz, String to) {
		return new Send("cmd", "t", "pn", to, type, content, replyTo, "AGENT", biz, Instant.EPOCH, 0,
				SendState.PENDING, 0, null, null, null, null, null, null, null, null, null, null, Instant.EPOCH,
				Instant.EPOCH, null);
	}
}

package io.wabaflow.sync.it;

import static io.wabaflow.sync.SyncFixtures.inboundText;
import static io.wabaflow.sync.SyncFixtures.outbound;
import static io.wabaflow.sync.SyncFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;

import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;

/**
 * The read API a helpdesk is built on: lists walked page by page to the end, search by name, phone and words of a
 * message, one message by wamid or command id, one contact by any way of writing its phone.
 */
class ReadApiIT extends SyncIntegrationBase {

	private static final Duration PROJECTED = Duration.ofSeconds(60);

	private static final long T = 1_784_400_000L;

	private static final String NUMBER = "pn-read-" + UUID.randomUUID().toString().substring(0, 8);

	/** Seven users; Ana writes seven messages, one about croissants, and gets an answer. */
	private static final List<String> USERS = List.of("5511970000001", "5511970000002", "5511970000003",
			"5511970000004", "5511970000005", "5511970000006", "5511970000007");

	private static boolean told;

	/** The story, told once for the class (the harness exists per test). */
	@BeforeEach
	void story() {
		if (told) {
			return;
		}
		told = true;
		List<SpecificRecord> events = new ArrayList<>();
		events.add(PhoneNumberRegistration.newBuilder(registration(NUMBER, NumberType.CLOUD, Instant.ofEpochSecond(T)))
				.setThroughputMps(1_000).setMessagingLimit(2_000).build());
		for (int u = 0; u < USERS.size(); u++) {
			String name = u == 0 ? "Ana Lúcia" : "Cliente " + u;
			events.add(inboundText(NUMBER, USERS.get(u), name, "wamid.r" + u + "." + NUMBER, T + 10 + u, "Olá " + u,
					Instant.ofEpochSecond(T + 10 + u)));
		}
		for (int m = 1; m < 7; m++) {
			String body = m == 3 ? "Vocês têm croissant amanhã?" : "mensagem " + m;
			events.add(inboundText(NUMBER, USERS.get(0), "Ana Lúcia", "wamid.ana" + m + "." + NUMBER, T + 100 + m, body,
					Instant.ofEpochSecond(T + 100 + m)));
		}
		events.add(outbound(NUMBER, "cmd-read-" + NUMBER, USERS.get(0), OutboundStatus.SENT, "wamid.answer." + NUMBER,
				"TEXT", "{\"body\": \"Temos sim!\"}", "AGENT", Instant.ofEpochSecond(T + 200)));
		sync.produce(events);
		sync.awaitActiveCaughtUp(PROJECTED);
	}

	@Test
	void conversationsAndMessagesAreWalkedToTheEndThreeAtATime() {
		List<String> conversations = walk("/api/v1/phone-numbers/" + NUMBER + "/conversations?limit=3", "id");
		assertThat(conversations).hasSize(7).doesNotHaveDuplicates();
		assertThat(conversations.get(0)).as("newest first").isEqualTo(NUMBER + ":" + USERS.get(0));

		List<String> messages = walk("/api/v1/conversations/" + NUMBER + ":" + USERS.get(0) + "/messages?limit=3", "id");
		assertThat(messages).hasSize(8).doesNotHaveDuplicates();
		assertThat(messages.get(0)).isEqualTo("cmd:cmd-read-" + NUMBER);
		assertThat(messages.get(7)).isEqualTo("wamid.r0." + NUMBER);
	}

	@Test
	void searchFindsAConversationByNameByPhoneAndByAWordOfAMessage() {
		String conversations = "/api/v1/phone-numbers/" + NUMBER + "/conversations?q=";
		assertThat(ids(sync.items(conversations + "lúcia"))).containsExactly(NUMBER + ":" + USERS.get(0));
		assertThat(ids(sync.items(conversations + "croissant"))).containsExactly(NUMBER + ":" + USERS.get(0));
		assertThat(ids(sync.items(conversations + "+55 11 97000-0003"))).containsExactly(NUMBER + ":" + USERS.get(2));
		assertThat(ids(sync.items(conversations + "551197000000"))).hasSize(7);
		assertThat(sync.items(conversations + "pizza")).isEmpty();
		assertThat(ids(sync.items(conversations + "cliente&limit=2"))).hasSize(2);
	}

	@Test
	void oneMessageByWamidOrCommandIdAndOneContactByAnyWayOfWritingItsPhone() {
		Map<String, Object> byWamid = sync.get("/api/v1/phone-numbers/" + NUMBER + "/messages/wamid.ana3." + NUMBER);
		assertThat(byWamid.get("wamid")).isEqualTo("wamid.ana3." + NUMBER);
		assertThat(byWamid.get("content").toString()).contains("croissant");
		Map<String, Object> byCommand = sync.get("/api/v1/phone-numbers/" + NUMBER + "/messages/cmd-read-" + NUMBER);
		assertThat(byCommand.get("id")).isEqualTo("cmd:cmd-read-" + NUMBER);
		assertThat(byCommand.get("status")).isEqualTo("sent");

		Map<String, Object> contact = sync.get("/api/v1/phone-numbers/" + NUMBER + "/contacts/+55 11 97000-0001");
		assertThat(contact.get("wa_id")).isEqualTo(USERS.get(0));
		assertThat(contact.get("conversation_id")).isEqualTo(NUMBER + ":" + USERS.get(0));

		assertThatThrownBy(() -> sync.get("/api/v1/phone-numbers/" + NUMBER + "/messages/wamid.nope"))
				.isInstanceOfSatisfying(HttpClientErrorException.class,
						e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
		assertThatThrownBy(() -> sync.get("/api/v1/phone-numbers/" + NUMBER + "/contacts/5511900000000"))
				.isInstanceOfSatisfying(HttpClientErrorException.class,
						e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
	}

	@Test
	void theNumbersListShowsWhatMetaAllowsEachNumber() {
		List<Map<String, Object>> numbers = sync.items("/api/v1/phone-numbers?limit=200");
		Map<String, Object> number = numbers.stream().filter(n -> NUMBER.equals(n.get("phone_number_id"))).findFirst()
				.orElseThrow();
		assertThat(number.get("throughput_mps")).isEqualTo(1_000);
		assertThat(number.get("messaging_limit")).isEqualTo(2_000);
	}

	/** Every item's {@code field} over all pages, following {@code next_cursor}. */
	private List<String> walk(String path, String field) {
		List<String> all = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = sync.get(path + (cursor == null ? "" : "&cursor=" + cursor));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
			items.forEach(item -> all.add((String) item.get(field)));
			cursor = (String) page.get("next_cursor");
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(pages).as("pages of " + path).isEqualTo(3);
		return all;
	}

	private static List<String> ids(List<Map<String, Object>> items) {
		return items.stream().map(item -> (String) item.get("id")).toList();
	}
}

package io.wabaflow.metagraph.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeSplitterTest {

	private final EnvelopeSplitter splitter = new EnvelopeSplitter();

	@Test
	void splitsEveryChangeOfEveryEntryInOrder() throws Exception {
		List<EnvelopeChange> changes = splitter.split(Payloads.bytes("batch-2-entries-2-changes.json"));

		assertThat(changes).extracting(EnvelopeChange::wabaId, EnvelopeChange::field, EnvelopeChange::phoneNumberId,
				EnvelopeChange::entryTime).containsExactly(
						org.assertj.core.groups.Tuple.tuple("102290129340398", "messages", "106540352242922", null),
						org.assertj.core.groups.Tuple.tuple("102290129340398", "messages", "106540352242922", null),
						org.assertj.core.groups.Tuple.tuple("102290129340399", "smb_app_state_sync", "106540352242923",
								1750263800L),
						org.assertj.core.groups.Tuple.tuple("102290129340399", "account_update", null, 1750263800L));
		assertThat(changes).extracting(EnvelopeChange::partitionKey)
				.containsExactly("106540352242922", "106540352242922", "106540352242923", "102290129340399");
		assertThat(changes).extracting(EnvelopeChange::eventId).doesNotHaveDuplicates()
				.allSatisfy(id -> assertThat(id).matches("[0-9a-f]{64}"));
	}

	@Test
	void theSameChangeRedeliveredGetsTheSameEventIdWhateverItsBatchOrFormatting() throws Exception {
		List<EnvelopeChange> first = splitter.split(Payloads.bytes("batch-2-entries-2-changes.json"));
		// Meta redelivers one change alone, differently indented, with the members of its value reordered.
		String alone = """
				{"entry":[{"changes":[{"field":"account_update","value":{
				   "ban_info":{"waba_ban_date":"2026-12-01","waba_ban_state":"SCHEDULE_FOR_DISABLE"},
				   "event":"DISABLED_UPDATE"}}],"id":"102290129340399","time":1750263999}],
				 "object":"whatsapp_business_account"}
				""";

		List<EnvelopeChange> again = splitter.split(alone.getBytes(StandardCharsets.UTF_8));

		assertThat(again).singleElement().extracting(EnvelopeChange::eventId).isEqualTo(first.get(3).eventId());
		assertThat(splitter.split(Payloads.bytes("batch-2-entries-2-changes.json"))).extracting(EnvelopeChange::eventId)
				.containsExactlyElementsOf(first.stream().map(EnvelopeChange::eventId).toList());
	}

	@Test
	void changesThatDifferInWabaFieldOrValueNeverShareAnId() throws Exception {
		String value = "{\"event\":\"PARTNER_REMOVED\",\"phone_number\":\"15550001111\"}";
		Set<String> ids = List.of(
				envelope("111", "account_update", value),
				envelope("112", "account_update", value),
				envelope("111", "account_updatE", value),
				envelope("111", "account_update", value.replace("1111", "1112")),
				// Length prefixes keep a WABA id/field boundary shift apart.
				envelope("11", "1account_update", value))
				.stream().map(this::onlyEventId).collect(Collectors.toSet());

		assertThat(ids).hasSize(5);
	}

	@Test
	void escapedUnicodeAndEmojiSurviveAsTheSameContent() throws Exception {
		EnvelopeChange message = splitter.split(Payloads.bytes("batch-2-entries-2-changes.json")).get(0);

		JsonNode value = JsonMapper.builder().build().readTree(message.valueJson());

		assertThat(value.at("/messages/0/text/body").stringValue()).isEqualTo("Grüße äöå 👋");
		assertThat(value.at("/contacts/0/profile/name").stringValue()).isEqualTo("Jürgen Ärger");
	}

	@Test
	void aPartnerAccountUpdateWithMisplacedMembersIsKeyedOnItsWaba() throws Exception {
		List<EnvelopeChange> changes = splitter.split(Payloads.bytes("account-update-partner-misplaced.json"));

		assertThat(changes).singleElement().satisfies(change -> {
			assertThat(change.field()).isEqualTo("account_update");
			assertThat(change.wabaId()).isEqualTo("495709166956424");
			assertThat(change.phoneNumberId()).isNull();
			assertThat(change.partitionKey()).isEqualTo("495709166956424");
			assertThat(change.entryTime()).isEqualTo(1731617831L);
			assertThat(change.valueJson()).contains("PARTNER_APP_INSTALLED");
		});
	}

	@Test
	void entryTimeMayBeAString() throws Exception {
		String body = """
				{"object":"whatsapp_business_account","entry":[{"id":"1","time":"1731617831",
				 "changes":[{"field":"history","value":{"metadata":{"phone_number_id":"9"}}}]}]}
				""";

		assertThat(onlyChange(body).entryTime()).isEqualTo(1731617831L);
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedAsNotJson() {
		assertThatThrownBy(() -> splitter.split("not json {".getBytes(StandardCharsets.UTF_8)))
				.isInstanceOf(UnparseableWebhookException.NotJson.class)
				.hasMessageStartingWith("Body is not valid JSON")
				.extracting(e -> ((UnparseableWebhookException) e).reasonCode()).isEqualTo("not_json");
		assertThatThrownBy(() -> splitter.split(new byte[0])).isInstanceOf(UnparseableWebhookException.NotJson.class);
		assertThatThrownBy(() -> splitter.split("{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes(
				StandardCharsets.UTF_8))).isInstanceOf(UnparseableWebhookException.NotJson.class);
	}

	@Test
	void jsonThatIsNotAWhatsAppWebhookIsRefusedWithTheReason() {
		assertNotWhatsApp("[1,2]", "not an object");
		assertNotWhatsApp("{\"object\":\"page\",\"entry\":[]}", "object is \"page\"");
		assertNotWhatsApp("{\"object\":\"whatsapp_business_account\"}", "no entry[]");
		assertNotWhatsApp("{\"entry\":[]}", "no \"object\"");
		assertNotWhatsApp("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\"}]}", "has no changes[]");
		assertNotWhatsApp("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{}}]}]}",
				"has no field");
		assertNotWhatsApp("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{}}]}]}",
				"names no WABA");
	}

	@Test
	void aFullBatchOf1000ChangesIsSplitIntoChangesWithDistinctEventIds() throws Exception {
		StringBuilder body = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[");
		for (int e = 0; e < 10; e++) {
			body.append(e == 0 ? "" : ",").append("{\"id\":\"waba-").append(e).append("\",\"changes\":[");
			for (int c = 0; c < 100; c++) {
				body.append(c == 0 ? "" : ",").append("""
						{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"pn-%d"},
						 "statuses":[{"id":"wamid.%d","status":"read","timestamp":"1750263773","recipient_id":"1650555%04d"}]}}
						""".formatted(e, c, c));
			}
			body.append("]}");
		}
		byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);

		List<EnvelopeChange> changes = splitter.split(bytes);

		// how fast is the ingress benchmark's business (benchmarks module), not a unit test's
		assertThat(changes).hasSize(1000);
		assertThat(changes).extracting(EnvelopeChange::eventId).doesNotHaveDuplicates();
	}

	private void assertNotWhatsApp(String body, String reason) {
		assertThatThrownBy(() -> splitter.split(body.getBytes(StandardCharsets.UTF_8)))
				.isInstanceOf(UnparseableWebhookException.NotWhatsAppWebhook.class)
				.hasMessageContaining(reason)
				.extracting(e -> ((UnparseableWebhookException) e).reasonCode()).isEqualTo("not_whatsapp_webhook");
	}

	private static String envelope(String wabaId, String field, String value) {
		return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + wabaId + "\",\"changes\":[{\"field\":\""
				+ field + "\",\"value\":" + value + "}]}]}";
	}

	private String onlyEventId(String body) {
		return onlyChange(body).eventId();
	}

	private EnvelopeChange onlyChange(String body) {
		try {
			List<EnvelopeChange> changes = splitter.split(body.getBytes(StandardCharsets.UTF_8));
			assertThat(changes).hasSize(1);
			return changes.get(0);
		}
		catch (UnparseableWebhookException e) {
			throw new AssertionError(e);
		}
	}
}

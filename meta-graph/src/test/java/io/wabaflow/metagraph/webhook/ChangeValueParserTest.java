package io.wabaflow.metagraph.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeValueParserTest {

	private final ChangeValueParser parser = new ChangeValueParser();

	@Test
	void inboundMessagesOfEveryTypeAreTyped() {
		MessagesValue value = parser.messages(Payloads.text("messages-every-type.json"));
		List<InboundMessage> messages = value.messages();

		assertThat(value.metadata()).isEqualTo(new Metadata("15550783881", "106540352242922"));
		assertThat(messages).extracting(InboundMessage::type).containsExactly("text", "image", "document", "audio",
				"location", "interactive", "interactive", "reaction", "reaction", "button", "edit", "revoke", "order",
				"unsupported", "text");
		assertThat(messages.get(0).content()).isEqualTo(new MessageContent.Text("Olá äöå 👍"));
		assertThat(messages.get(0).from()).isEqualTo("16505551234");
		assertThat(messages.get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1749416383));
		assertThat(messages.get(1).timestamp()).as("numeric timestamp").isEqualTo(Instant.ofEpochSecond(1749416384));
		assertThat(messages.get(1).content()).isEqualTo(new MessageContent.Media("image", "1003383421387256",
				"image/jpeg", "abc=", "Look", null, "https://lookaside.fbsbx.com/x", null));
		assertThat(messages.get(1).context()).isEqualTo(new MessageContext(null, null, true, true));
		assertThat(messages.get(2).content()).isEqualTo(new MessageContent.Media("document", "2003383421387256",
				"application/pdf", "def=", "Invoice", "invoice.pdf", null, null));
		assertThat(((MessageContent.Media) messages.get(3).content()).voice()).isTrue();
		assertThat(messages.get(4).content()).isEqualTo(new MessageContent.Location(-23.5505, -46.6333, "Sé",
				"Praça da Sé", null));
		assertThat(messages.get(5).content()).isEqualTo(new MessageContent.InteractiveReply("button_reply", "yes-1",
				"Yes", null));
		assertThat(messages.get(5).context()).isEqualTo(new MessageContext("15550783881", "wamid.ourInteractive",
				false, false));
		assertThat(messages.get(6).content()).isEqualTo(new MessageContent.InteractiveReply("list_reply", "row-2",
				"Tuesday", "10:00"));
		assertThat(messages.get(7).content()).isEqualTo(new MessageContent.Reaction("wamid.ours", "👍"));
		assertThat(((MessageContent.Reaction) messages.get(8).content()).removed()).isTrue();
		assertThat(messages.get(9).content()).isEqualTo(new MessageContent.Button("STOP", "Stop promotions"));
		MessageContent.Edit edit = (MessageContent.Edit) messages.get(10).content();
		assertThat(edit.originalMessageId()).isEqualTo("wamid.text");
		assertThat(edit.message().content()).isEqualTo(new MessageContent.Text("Olá (edited)"));
		assertThat(messages.get(11).content()).isEqualTo(new MessageContent.Revoke("wamid.image"));
		assertThat(messages.get(14).referralJson()).contains("\"ctwa_clid\":\"clid-1\"");
	}

	@Test
	void anUnknownMessageTypeKeepsItsRawJson() {
		InboundMessage order = parser.messages(Payloads.text("messages-every-type.json")).messages().get(12);

		assertThat(order.content()).isInstanceOfSatisfying(MessageContent.Unknown.class, unknown -> {
			assertThat(unknown.type()).isEqualTo("order");
			assertThat(unknown.contentJson()).contains("\"product_retailer_id\":\"sku-1\"");
		});
		assertThat(order.rawJson()).contains("\"id\":\"wamid.order\"").contains("\"catalog_id\":\"cat-1\"");
	}

	@Test
	void unsupportedMessagesAndValueErrorsCarryMetaErrors() {
		MessagesValue value = parser.messages(Payloads.text("messages-every-type.json"));

		assertThat(value.messages().get(13).content()).isEqualTo(new MessageContent.Unsupported(List.of(
				new WebhookError(131051, "Message type unknown", "Message type unknown",
						"Message type is currently not supported.", null))));
		assertThat(value.errors()).singleElement().extracting(WebhookError::code, WebhookError::details)
				.containsExactly(130429, "Cloud API message throughput has been reached.");
	}

	@Test
	void contactsCarryTheirProfileNames() {
		MessagesValue value = parser.messages(Payloads.text("messages-every-type.json"));

		assertThat(value.contacts()).containsExactly(
				new ContactProfile("16505551234", "Björk 🎉", null, null, null, "DF2lS5v2W6x="),
				new ContactProfile("5511988887777", "João", "US.13491208655302741918", null, null, null));
	}

	@Test
	void statusesCarryPricingConversationAndErrorsAndUnknownStatusesPassThrough() {
		List<MessageStatus> statuses = parser.messages(Payloads.text("messages-every-type.json")).statuses();

		assertThat(statuses).extracting(MessageStatus::status).containsExactly("sent", "failed", "deleted");
		MessageStatus sent = statuses.get(0);
		assertThat(sent.timestamp()).isEqualTo(Instant.ofEpochSecond(1750263773));
		assertThat(sent.bizOpaqueCallbackData()).isEqualTo("order-42");
		assertThat(sent.conversation()).isEqualTo(new MessageStatus.Conversation("conv-1",
				Instant.ofEpochSecond(1750350173), "service"));
		assertThat(sent.pricing()).isEqualTo(new MessageStatus.Pricing(true, "PMP", "regular", "service"));
		MessageStatus failed = statuses.get(1);
		assertThat(failed.failed()).isTrue();
		assertThat(failed.timestamp()).isEqualTo(Instant.ofEpochSecond(1750263774));
		assertThat(failed.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(131047);
			assertThat(error.details()).startsWith("Message failed to send because more than 24 hours");
			assertThat(error.href()).contains("error-codes");
		});
		assertThat(statuses.get(2).conversation()).isNull();
		assertThat(statuses.get(2).rawJson()).contains("some_new_member");
	}

	@Test
	void stateSyncContactsAreAddedEditedOrRemoved() {
		String value = """
				{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				 "state_sync":[
				  {"type":"contact","contact":{"full_name":"Ana S\\u00e1 \\ud83c\\udf38","first_name":"Ana","phone_number":"5511999990000"},
				   "action":"add","metadata":{"timestamp":"1738346400"}},
				  {"type":"contact","contact":{"phone_number":"5511999990001"},"action":"remove","metadata":{"timestamp":1738346401}},
				  {"type":"label","label":{"name":"VIP"},"action":"add"}]}
				""";

		StateSyncValue sync = parser.stateSync(value);

		assertThat(sync.metadata().phoneNumberId()).isEqualTo("106540352242922");
		assertThat(sync.contacts()).extracting(StateSyncContact::phoneNumber, StateSyncContact::fullName,
				StateSyncContact::firstName, StateSyncContact::action, StateSyncContact::timestamp).containsExactly(
						tuple("5511999990000", "Ana Sá 🌸", "Ana", StateSyncContact.Action.ADD,
								Instant.ofEpochSecond(1738346400)),
						tuple("5511999990001", null, null, StateSyncContact.Action.REMOVE,
								Instant.ofEpochSecond(1738346401)));
		assertThat(sync.contacts().get(1).rawJson()).as("the whole item, for storage")
				.contains("\"action\":\"remove\"", "\"phone_number\":\"5511999990001\"");
		assertThat(sync.otherItemsJson()).singleElement().asString().contains("\"type\":\"label\"");
	}

	@Test
	void historyChunksCarryPhaseOrderProgressThreadsAndStatuses() {
		HistoryValue history = parser.history(Payloads.text("history-chunk.json"));

		assertThat(history.declined()).isFalse();
		assertThat(history.chunks()).extracting(HistoryChunk::phase, HistoryChunk::chunkOrder, HistoryChunk::progress,
				HistoryChunk::complete).containsExactly(
						org.assertj.core.groups.Tuple.tuple(1, 3, 55, false),
						org.assertj.core.groups.Tuple.tuple(2, 1, 100, true));
		HistoryChunk.HistoryThread thread = history.chunks().get(0).threads().get(0);
		assertThat(thread.id()).isEqualTo("16505551234");
		assertThat(thread.messages()).extracting(HistoryChunk.HistoryMessage::status).containsExactly("READ",
				"DELIVERED");
		InboundMessage fromBusiness = thread.messages().get(0).message();
		assertThat(fromBusiness.to()).isEqualTo("16505551234");
		assertThat(fromBusiness.content()).isEqualTo(new MessageContent.Text("Bom dia ☀️"));
		assertThat(thread.messages().get(1).message().content()).isInstanceOf(MessageContent.MediaPlaceholder.class);
		assertThat(thread.messages().get(1).message().timestamp()).isEqualTo(Instant.ofEpochSecond(1739321100));
	}

	@Test
	void aDeclinedHistoryIsRecognisedByError2593109() {
		String value = """
				{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				 "history":[{"errors":[{"code":2593109,"title":"History sync is turned off by the business from the WhatsApp Business App",
				   "message":"History sync is turned off by the business from the WhatsApp Business App",
				   "error_data":{"details":"History sharing is turned off by the business"}}]}]}
				""";

		HistoryValue history = parser.history(value);

		assertThat(history.declined()).isTrue();
		assertThat(history.chunks()).singleElement().satisfies(chunk -> {
			assertThat(chunk.phase()).isNull();
			assertThat(chunk.threads()).isEmpty();
			assertThat(chunk.errors().get(0).details()).isEqualTo("History sharing is turned off by the business");
		});
	}

	@Test
	void storageKeepsEachMessagesContentAndContextAsReceivedAndTheGroupItWasSentIn() {
		String value = """
				{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				 "messages":[{"from":"5511999990000","id":"wamid.g1","timestamp":"1738346400","type":"image",
				   "group_id":"120363000000000001","context":{"from":"15550783881","id":"wamid.ours"},
				   "image":{"id":"media-1","mime_type":"image/jpeg","caption":"foto","brand_new_field":[1,2]}}],
				 "statuses":[{"id":"wamid.out","status":"read","timestamp":"1738346401","recipient_id":"120363000000000001",
				   "recipient_type":"group"}]}
				""";

		MessagesValue messages = parser.messages(value);

		InboundMessage message = messages.messages().get(0);
		assertThat(message.groupId()).isEqualTo("120363000000000001");
		assertThat(message.contentJson()).as("unknown fields of a known type are kept too")
				.contains("\"caption\":\"foto\"", "\"brand_new_field\":[1,2]").doesNotContain("group_id");
		assertThat(message.contextJson()).isEqualTo("{\"from\":\"15550783881\",\"id\":\"wamid.ours\"}");
		assertThat(messages.statuses().get(0).recipientType()).isEqualTo("group");
	}

	@Test
	void aHistoryErrorOutsideTheChunksIsKept() {
		HistoryValue history = parser.history("""
				{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
				 "errors":[{"code":2593109,"title":"History sync is turned off by the business from the WhatsApp Business App"}]}
				""");

		assertThat(history.chunks()).isEmpty();
		assertThat(history.errors()).extracting(WebhookError::code).containsExactly(2593109);
	}

	@Test
	void historyMediaFollowUpsCarryTheRealContentUnderTheSameWamid() {
		String value = """
				{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
				 "messages":[{"from":"16505551234","id":"wamid.h2","timestamp":"1739321100","type":"image",
				  "image":{"mime_type":"image/jpeg","sha256":"xyz=","id":"777"}}]}
				""";

		HistoryValue history = parser.history(value);

		assertThat(history.chunks()).isEmpty();
		assertThat(history.mediaMessages()).singleElement().satisfies(message -> {
			assertThat(message.id()).isEqualTo("wamid.h2");
			assertThat(((MessageContent.Media) message.content()).mediaId()).isEqualTo("777");
		});
	}

	@Test
	void echoesAreMessagesTheBusinessSentFromTheApp() {
		String value = """
				{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				 "message_echoes":[{"from":"15550783881","to":"+1 650-555-1234","id":"wamid.echo","timestamp":"1739321024",
				  "type":"text","text":{"body":"Obrigado! \\ud83d\\ude4f"}}]}
				""";

		MessageEchoesValue echoes = parser.messageEchoes(value);

		assertThat(echoes.echoes()).singleElement().satisfies(echo -> {
			assertThat(echo.from()).isEqualTo("15550783881");
			assertThat(echo.to()).isEqualTo("+1 650-555-1234");
			assertThat(echo.timestamp()).isEqualTo(Instant.ofEpochSecond(1739321024));
			assertThat(echo.content()).isEqualTo(new MessageContent.Text("Obrigado! 🙏"));
		});
	}

	@Test
	void accountUpdatesOfPartnersAndCoexistenceDisconnections() {
		AccountUpdate installed = parser.accountUpdate("""
				{"event":"PARTNER_APP_INSTALLED","waba_info":{"waba_id":"495709166956424","owner_business_id":"942647313864044",
				 "partner_app_id":"520744073557267"}}
				""");
		AccountUpdate removed = parser.accountUpdate("""
				{"event":"PARTNER_REMOVED","phone_number":"15550783881","waba_info":{"waba_id":"495709166956424"},
				 "disconnection_info":{"reason":"COMPANION_INACTIVITY","initiated_by":"SYSTEM"}}
				""");
		AccountUpdate offboarded = parser.accountUpdate("{\"event\":\"ACCOUNT_OFFBOARDED\"}");

		assertThat(installed.event()).isEqualTo("PARTNER_APP_INSTALLED");
		assertThat(installed.wabaInfo()).isEqualTo(new AccountUpdate.WabaInfo("495709166956424", "942647313864044",
				"520744073557267", null));
		assertThat(removed.phoneNumber()).isEqualTo("15550783881");
		assertThat(removed.disconnectionInfo()).isEqualTo(new AccountUpdate.DisconnectionInfo("COMPANION_INACTIVITY",
				"SYSTEM"));
		assertThat(offboarded.wabaInfo()).isNull();
		assertThat(offboarded.rawJson()).isEqualTo("{\"event\":\"ACCOUNT_OFFBOARDED\"}");
	}

	@Test
	void missingListsAreEmptyAndOnlyNonObjectsAreRefused() {
		MessagesValue empty = parser.messages("{\"messaging_product\":\"whatsapp\"}");

		assertThat(empty.metadata()).isEqualTo(new Metadata(null, null));
		assertThat(empty.messages()).isEmpty();
		assertThat(empty.statuses()).isEmpty();
		assertThat(empty.contacts()).isEmpty();
		assertThatThrownBy(() -> parser.messages("[]")).isInstanceOf(MalformedChangeException.class);
		assertThatThrownBy(() -> parser.history("{oops")).isInstanceOf(MalformedChangeException.class);
	}
}

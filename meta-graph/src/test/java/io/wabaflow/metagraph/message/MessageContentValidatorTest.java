package io.wabaflow.metagraph.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessageContentValidatorTest {

	private final MessageContentValidator validator = new MessageContentValidator();

	@Test
	void validContentOfEveryTypePasses() {
		assertValid(OutboundMessageType.TEXT, "{\"body\":\"Olá 👋\",\"preview_url\":false}");
		assertValid(OutboundMessageType.IMAGE, "{\"id\":\"1003383421387256\",\"caption\":\"Look\"}");
		assertValid(OutboundMessageType.VIDEO, "{\"link\":\"https://example.com/v.mp4\"}");
		assertValid(OutboundMessageType.DOCUMENT, "{\"link\":\"https://example.com/i.pdf\",\"filename\":\"i.pdf\"}");
		assertValid(OutboundMessageType.AUDIO, "{\"id\":\"3003383421387256\"}");
		assertValid(OutboundMessageType.STICKER, "{\"id\":\"4003383421387256\"}");
		assertValid(OutboundMessageType.LOCATION, "{\"latitude\":-23.55,\"longitude\":-46.63,\"name\":\"Sé\"}");
		assertValid(OutboundMessageType.CONTACTS, "[{\"name\":{\"formatted_name\":\"Ana Sá\"},\"phones\":[{\"phone\":\"+5511999990000\"}]}]");
		assertValid(OutboundMessageType.INTERACTIVE, buttons(3, "Yes"));
		assertValid(OutboundMessageType.INTERACTIVE, list(2, 5));
		assertValid(OutboundMessageType.REACTION, "{\"message_id\":\"wamid.X\",\"emoji\":\"😀\"}");
		assertValid(OutboundMessageType.REACTION, "{\"message_id\":\"wamid.X\",\"emoji\":\"\"}");
		assertValid(OutboundMessageType.TEMPLATE, """
				{"name":"order_update","language":{"code":"pt_BR"},"components":[
				 {"type":"body","parameters":[{"type":"text","text":"42"}]},
				 {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"STOP"}]}]}
				""");
		assertValid(OutboundMessageType.MARK_READ, "{\"message_id\":\"wamid.X\"}");
	}

	@Test
	void textBodyIsRequiredAndAtMost4096Characters() {
		assertThat(validator.validate(OutboundMessageType.TEXT, "{}"))
				.containsExactly(new Violation("content.body", "is required"));
		assertThat(validator.validate(OutboundMessageType.TEXT, "{\"body\":\"" + "a".repeat(4097) + "\"}"))
				.containsExactly(new Violation("content.body", "must be at most 4096 characters (is 4097)"));
		// 4096 emoji are 8192 UTF-16 units but 4096 characters, as Meta counts them
		assertValid(OutboundMessageType.TEXT, "{\"body\":\"" + "😀".repeat(4096) + "\"}");
		assertThat(validator.validate(OutboundMessageType.TEXT, "{\"body\":\"hi\",\"preview_url\":\"yes\"}"))
				.containsExactly(new Violation("content.preview_url", "must be true or false"));
	}

	@Test
	void mediaIsSentByIdXorLinkAndCaptionsAreLimited() {
		assertThat(validator.validate(OutboundMessageType.IMAGE, "{\"caption\":\"x\"}"))
				.containsExactly(new Violation("content", "needs either id (an uploaded media id) or link"));
		assertThat(validator.validate(OutboundMessageType.IMAGE, "{\"id\":\"1\",\"link\":\"https://e.com/a.png\"}"))
				.containsExactly(new Violation("content", "needs either id or link, not both"));
		assertThat(validator.validate(OutboundMessageType.DOCUMENT, "{\"link\":\"ftp://e.com/a.pdf\",\"caption\":\""
				+ "c".repeat(1025) + "\"}")).containsExactly(
						new Violation("content.link", "must be an http(s) URL"),
						new Violation("content.caption", "must be at most 1024 characters (is 1025)"));
		assertThat(validator.validate(OutboundMessageType.AUDIO, "{\"id\":\"1\",\"caption\":\"no\"}"))
				.containsExactly(new Violation("content.caption", "is not allowed for this media type"));
	}

	@Test
	void atMostThreeButtonsWithTitlesOfAtMost20Characters() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, buttons(4, "Yes"))).containsExactly(
				new Violation("content.action.buttons", "must have between 1 and 3 elements (has 4)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, buttons(1, "A title of 21 chars!!")))
				.containsExactly(new Violation("content.action.buttons[0].reply.title",
						"must be at most 20 characters (is 21)"));
	}

	@Test
	void listsHaveAtMostTenSectionsAndTenRows() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, list(11, 1))).contains(
				new Violation("content.action.sections", "must have between 1 and 10 elements (has 11)"),
				new Violation("content.action.sections", "must have between 1 and 10 rows in total (has 11)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, list(2, 6))).containsExactly(
				new Violation("content.action.sections", "must have between 1 and 10 rows in total (has 12)"));
	}

	@Test
	void interactiveMessagesNeedABodyAndAKnownType() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"button\",\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}]}}"))
				.containsExactly(new Violation("content.body", "is required"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, "{\"type\":\"carousel\",\"action\":{}}"))
				.containsExactly(new Violation("content.type", "must be one of button, list, cta_url, request_contact_info"));
	}

	@Test
	void aRequestForContactInfoNeedsABodyAndItsActionName() {
		assertValid(OutboundMessageType.INTERACTIVE, "{\"type\":\"request_contact_info\",\"body\":{\"text\":"
				+ "\"Share your number so we can call you back\"},\"action\":{\"name\":\"request_contact_info\"}}");
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, "{\"type\":\"request_contact_info\","
				+ "\"body\":{\"text\":\"Share?\"},\"action\":{\"name\":\"send_location\"}}"))
				.containsExactly(new Violation("content.action.name", "must be request_contact_info"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, "{\"type\":\"request_contact_info\","
				+ "\"action\":{\"name\":\"request_contact_info\"}}"))
				.containsExactly(new Violation("content.body", "is required"));
	}

	@Test
	void templatesNeedANameAndALanguageCode() {
		assertThat(validator.validate(OutboundMessageType.TEMPLATE, "{\"language\":{}}")).containsExactly(
				new Violation("content.name", "is required"),
				new Violation("content.language.code", "is required"));
		assertThat(validator.validate(OutboundMessageType.TEMPLATE,
				"{\"name\":\"t\",\"language\":{\"code\":\"en\"},\"components\":[{\"type\":\"button\"}]}"))
				.containsExactly(new Violation("content.components[0].sub_type", "is required"),
						new Violation("content.components[0].index", "is required for a button component"));
	}

	@Test
	void locationsNeedCoordinatesInRange() {
		assertThat(validator.validate(OutboundMessageType.LOCATION, "{\"latitude\":91,\"longitude\":\"x\"}"))
				.containsExactly(new Violation("content.latitude", "must be between -90 and 90"),
						new Violation("content.longitude", "must be a number"));
	}

	@Test
	void reactionsNeedTheMessageAndAnEmoji() {
		assertThat(validator.validate(OutboundMessageType.REACTION, "{}")).containsExactly(
				new Violation("content.message_id", "is required"),
				new Violation("content.emoji", "is required (an empty string removes the reaction)"));
	}

	@Test
	void contactCardsNeedAFormattedName() {
		assertThat(validator.validate(OutboundMessageType.CONTACTS, "[{\"name\":{}}]"))
				.containsExactly(new Violation("content[0].name.formatted_name", "is required"));
		assertThat(validator.validate(OutboundMessageType.CONTACTS, "{\"name\":{}}"))
				.containsExactly(new Violation("content", "must be an array of contact cards"));
	}

	@Test
	void contentMustBeJsonOfTheRightShape() {
		assertThat(validator.validate(OutboundMessageType.TEXT, "not json")).singleElement()
				.satisfies(v -> assertThat(v.message()).startsWith("is not valid JSON"));
		assertThat(validator.validate(OutboundMessageType.TEXT, "[1]"))
				.containsExactly(new Violation("content", "must be an object"));
		assertThat(validator.validate(OutboundMessageType.TEXT, (String) null))
				.containsExactly(new Violation("content", "is required"));
	}

	@Test
	void typesAreKnownByMetasNames() {
		assertThat(OutboundMessageType.of("interactive")).contains(OutboundMessageType.INTERACTIVE);
		assertThat(OutboundMessageType.of("Mark_Read")).contains(OutboundMessageType.MARK_READ);
		assertThat(OutboundMessageType.of("carousel")).isEmpty();
		assertThat(OutboundMessageType.TEMPLATE.metaName()).isEqualTo("template");
	}

	private void assertValid(OutboundMessageType type, String content) {
		List<Violation> violations = validator.validate(type, content);
		assertThat(violations).as(type + " " + content).isEmpty();
	}

	private static String buttons(int count, String title) {
		StringBuilder buttons = new StringBuilder();
		for (int i = 0; i < count; i++) {
			buttons.append(i == 0 ? "" : ",").append("{\"type\":\"reply\",\"reply\":{\"id\":\"b").append(i)
					.append("\",\"title\":\"").append(title).append("\"}}");
		}
		return "{\"type\":\"button\",\"body\":{\"text\":\"Confirm?\"},\"footer\":{\"text\":\"Wabaflow\"},"
				+ "\"action\":{\"buttons\":[" + buttons + "]}}";
	}

	private static String list(int sections, int rowsPerSection) {
		StringBuilder json = new StringBuilder();
		for (int s = 0; s < sections; s++) {
			json.append(s == 0 ? "" : ",").append("{\"title\":\"Section ").append(s).append("\",\"rows\":[");
			for (int r = 0; r < rowsPerSection; r++) {
				json.append(r == 0 ? "" : ",").append("{\"id\":\"r").append(s).append('-').append(r)
						.append("\",\"title\":\"Row\",\"description\":\"d\"}");
			}
			json.append("]}");
		}
		return "{\"type\":\"list\",\"header\":{\"type\":\"text\",\"text\":\"Menu\"},\"body\":{\"text\":\"Pick one\"},"
				+ "\"action\":{\"button\":\"Options\",\"sections\":[" + json + "]}}";
	}
}

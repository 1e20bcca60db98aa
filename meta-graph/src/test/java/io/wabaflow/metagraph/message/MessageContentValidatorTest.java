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
				.containsExactly(new Violation("content.type", "must be one of button, list, cta_url, flow, product, "
						+ "product_list, catalog_message, location_request_message, address_message, request_contact_info"));
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
	void everyInteractiveKindMetaDocumentsHasAValidExample() {
		assertValid(OutboundMessageType.INTERACTIVE, CTA_URL);
		assertValid(OutboundMessageType.INTERACTIVE, FLOW);
		assertValid(OutboundMessageType.INTERACTIVE, PRODUCT);
		assertValid(OutboundMessageType.INTERACTIVE, productList(2, 15));
		assertValid(OutboundMessageType.INTERACTIVE, CATALOG);
		assertValid(OutboundMessageType.INTERACTIVE, LOCATION_REQUEST);
		assertValid(OutboundMessageType.INTERACTIVE, ADDRESS);
		// variants: a media header, a Flow by name with data_exchange, a product with neither body nor footer,
		// a catalog without a thumbnail, an address for Singapore
		assertValid(OutboundMessageType.INTERACTIVE, CTA_URL.replace("{\"type\":\"text\",\"text\":\"Workshops\"}",
				"{\"type\":\"image\",\"image\":{\"link\":\"https://example.com/banner.png\"}}"));
		assertValid(OutboundMessageType.INTERACTIVE, """
				{"type":"flow","body":{"text":"Update your details"},"action":{"name":"flow","parameters":{
				 "flow_message_version":"3","flow_name":"profile","flow_cta":"Open","flow_action":"data_exchange"}}}
				""");
		assertValid(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"product\",\"action\":{\"catalog_id\":\"1\",\"product_retailer_id\":\"sku-1\"}}");
		assertValid(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"catalog_message\",\"body\":{\"text\":\"Browse\"},\"action\":{\"name\":\"catalog_message\"}}");
		assertValid(OutboundMessageType.INTERACTIVE, ADDRESS.replace("\"IN\"", "\"SG\""));
	}

	@Test
	void aCtaUrlNeedsALabelOfAtMost20CharactersAnHttpUrlAndItsName() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				CTA_URL.replace("See dates", "A label of 21 chars!!").replace("https://example.com/dates", "example.com")))
				.containsExactly(
						new Violation("content.action.parameters.display_text", "must be at most 20 characters (is 21)"),
						new Violation("content.action.parameters.url", "must be an http(s) URL"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, CTA_URL.replace("\"name\":\"cta_url\",", "")))
				.containsExactly(new Violation("content.action.name", "is required"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, CTA_URL.replace("Dates may change", "f".repeat(61))))
				.containsExactly(new Violation("content.footer.text", "must be at most 60 characters (is 61)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, CTA_URL.replace("{\"type\":\"text\",\"text\":\"Workshops\"}",
				"{\"type\":\"video\",\"video\":{}}")))
				.containsExactly(new Violation("content.header.video", "needs either id (an uploaded media id) or link"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, CTA_URL.replace("Workshops", "h".repeat(61))))
				.containsExactly(new Violation("content.header.text", "must be at most 60 characters (is 61)"));
	}

	@Test
	void aFlowNeedsVersion3OneFlowAShortCtaAndAKnownAction() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, FLOW.replace("\"3\"", "\"2\"")
				.replace("\"flow_id\":\"1234\"", "\"flow_id\":\"1234\",\"flow_name\":\"booking\"")
				.replace("Book now", "c".repeat(31)).replace("navigate", "jump")))
				.containsExactly(new Violation("content.action.parameters.flow_message_version", "must be \"3\""),
						new Violation("content.action.parameters", "needs either flow_id or flow_name, not both"),
						new Violation("content.action.parameters.flow_cta", "must be at most 30 characters (is 31)"),
						new Violation("content.action.parameters.flow_action", "must be navigate or data_exchange"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, FLOW.replace("\"flow_id\":\"1234\",", "")
				.replace("navigate", "data_exchange").replace("{\"product\":\"tea\"}", "{}")))
				.containsExactly(new Violation("content.action.parameters", "needs either flow_id or flow_name"),
						new Violation("content.action.parameters.flow_action_payload",
								"must be left out when flow_action is data_exchange"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, FLOW.replace("{\"product\":\"tea\"}", "{}")))
				.containsExactly(new Violation("content.action.parameters.flow_action_payload.data",
						"must not be empty (leave it out instead)"));
		// Meta says 30 is advised; 21 to 30 characters pass, 20 being the older limit
		assertValid(OutboundMessageType.INTERACTIVE, FLOW.replace("Book now", "c".repeat(30)));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, FLOW.replace("\"name\":\"flow\"", "\"name\":\"cta_url\"")))
				.containsExactly(new Violation("content.action.name", "must be flow"));
	}

	@Test
	void aProductNeedsItsCatalogAndRetailerIdAndHasNoHeader() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"product\",\"header\":{\"type\":\"text\",\"text\":\"H\"},\"action\":{\"catalog_id\":\"1\"}}"))
				.containsExactly(new Violation("content.header", "is not allowed for a product message"),
						new Violation("content.action.product_retailer_id", "is required"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, PRODUCT.replace("Our best tea", "b".repeat(1025))))
				.containsExactly(new Violation("content.body.text", "must be at most 1024 characters (is 1025)"));
	}

	@Test
	void aProductListHasATextHeaderUpToTenSectionsAndThirtyProducts() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, productList(2, 16))).containsExactly(
				new Violation("content.action.sections", "must have between 1 and 30 products in total (has 32)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, productList(11, 1))).containsExactly(
				new Violation("content.action.sections", "must have between 1 and 10 elements (has 11)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, productList(1, 1).replace("Section 0", "t".repeat(25))))
				.containsExactly(new Violation("content.action.sections[0].title", "must be at most 24 characters (is 25)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				productList(2, 1).replace("\"header\":{\"type\":\"text\",\"text\":\"Our teas\"},", "")
						.replace("{\"product_retailer_id\":\"sku-1-0\"}", "{}")))
				.containsExactly(new Violation("content.header", "is required"),
						new Violation("content.action.sections[1].product_items[0].product_retailer_id", "is required"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, productList(1, 1)
				.replace("{\"type\":\"text\",\"text\":\"Our teas\"}", "{\"type\":\"image\",\"image\":{\"id\":\"1\"}}")
				.replace("[{\"product_retailer_id\":\"sku-0-0\"}]", "[]")))
				.containsExactly(new Violation("content.header.type", "must be text for a product_list message"),
						new Violation("content.action.sections[0].product_items", "must have at least 1 element"),
						new Violation("content.action.sections", "must have between 1 and 30 products in total (has 0)"));
	}

	@Test
	void aCatalogMessageNeedsABodyAndItsActionName() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"catalog_message\",\"action\":{\"name\":\"catalog\",\"parameters\":"
						+ "{\"thumbnail_product_retailer_id\":7}}}"))
				.containsExactly(new Violation("content.body", "is required"),
						new Violation("content.action.name", "must be catalog_message"),
						new Violation("content.action.parameters.thumbnail_product_retailer_id", "must be a string"));
	}

	@Test
	void aLocationRequestNeedsABodyAndSendLocation() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, LOCATION_REQUEST.replace("send_location", "location")))
				.containsExactly(new Violation("content.action.name", "must be send_location"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				LOCATION_REQUEST.replace("Where should we deliver?", "b".repeat(1025))))
				.containsExactly(new Violation("content.body.text", "must be at most 1024 characters (is 1025)"));
	}

	@Test
	void anAddressMessageNeedsACountryWhereMetaOffersIt() {
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, ADDRESS.replace("\"IN\"", "\"BR\"")))
				.containsExactly(new Violation("content.action.parameters.country",
						"must be one of IN, SG (the countries where Meta offers address messages)"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE, ADDRESS.replace("\"country\":\"IN\",\"values\":{\"name\":\"Asha\"}", "\"values\":[]")))
				.containsExactly(new Violation("content.action.parameters.country", "is required"),
						new Violation("content.action.parameters.values", "must be an object"));
		assertThat(validator.validate(OutboundMessageType.INTERACTIVE,
				"{\"type\":\"address_message\",\"body\":{\"text\":\"Address?\"},\"action\":{\"name\":\"address_message\"}}"))
				.containsExactly(new Violation("content.action.parameters", "is required"));
		// case is not held against a code (unconfirmed at Meta)
		assertValid(OutboundMessageType.INTERACTIVE, ADDRESS.replace("\"IN\"", "\"in\""));
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

	private static final String CTA_URL = """
			{"type":"cta_url","header":{"type":"text","text":"Workshops"},"body":{"text":"Tap to see the dates"},
			 "footer":{"text":"Dates may change"},
			 "action":{"name":"cta_url","parameters":{"display_text":"See dates","url":"https://example.com/dates"}}}
			""";

	private static final String FLOW = """
			{"type":"flow","header":{"type":"text","text":"Booking"},"body":{"text":"Book a tasting"},
			 "footer":{"text":"Wabaflow"},"action":{"name":"flow","parameters":{"flow_message_version":"3",
			 "flow_token":"tok-1","flow_id":"1234","flow_cta":"Book now","mode":"published","flow_action":"navigate",
			 "flow_action_payload":{"screen":"BOOKING","data":{"product":"tea"}}}}}
			""";

	private static final String PRODUCT = """
			{"type":"product","body":{"text":"Our best tea"},"footer":{"text":"Wabaflow"},
			 "action":{"catalog_id":"194836987003835","product_retailer_id":"sku-1"}}
			""";

	private static final String CATALOG = """
			{"type":"catalog_message","body":{"text":"Browse our catalog"},"footer":{"text":"Wabaflow"},
			 "action":{"name":"catalog_message","parameters":{"thumbnail_product_retailer_id":"sku-1"}}}
			""";

	private static final String LOCATION_REQUEST = """
			{"type":"location_request_message","body":{"text":"Where should we deliver?"},"action":{"name":"send_location"}}
			""";

	private static final String ADDRESS = """
			{"type":"address_message","body":{"text":"Where should we deliver?"},
			 "action":{"name":"address_message","parameters":{"country":"IN","values":{"name":"Asha"}}}}
			""";

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

	private static String productList(int sections, int productsPerSection) {
		return "{\"type\":\"product_list\",\"header\":{\"type\":\"text\",\"text\":\"Our teas\"},"
				+ "\"body\":{\"text\":\"Pick yours\"},\"action\":{\"catalog_id\":\"194836987003835\",\"sections\":["
				+ sections(sections, productsPerSection, "product_items", "{\"product_retailer_id\":\"sku-%d-%d\"}") + "]}}";
	}

	private static String list(int sections, int rowsPerSection) {
		return "{\"type\":\"list\",\"header\":{\"type\":\"text\",\"text\":\"Menu\"},\"body\":{\"text\":\"Pick one\"},"
				+ "\"action\":{\"button\":\"Options\",\"sections\":["
				+ sections(sections, rowsPerSection, "rows", "{\"id\":\"r%d-%d\",\"title\":\"Row\",\"description\":\"d\"}")
				+ "]}}";
	}

	/** Sections titled "Section s", each with {@code perSection} items made from {@code item} % (section, index). */
	private static String sections(int sections, int perSection, String itemsName, String item) {
		StringBuilder json = new StringBuilder();
		for (int s = 0; s < sections; s++) {
			json.append(s == 0 ? "" : ",").append("{\"title\":\"Section ").append(s).append("\",\"").append(itemsName)
					.append("\":[");
			for (int i = 0; i < perSection; i++) {
				json.append(i == 0 ? "" : ",").append(item.formatted(s, i));
			}
			json.append("]}");
		}
		return json.toString();
	}
}

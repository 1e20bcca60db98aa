package io.wabaflow.metagraph.message;

import static io.wabaflow.metagraph.message.MessageContentValidator.BUTTONS_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.BUTTON_ID_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.BUTTON_TITLE_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.CTA_DISPLAY_TEXT_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.FLOW_CTA_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.FOOTER_TEXT_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.HEADER_TEXT_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.INTERACTIVE_BODY_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.LIST_ROWS_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.LIST_SECTIONS_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.PRODUCTS_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.PRODUCT_SECTIONS_MAX;
import static io.wabaflow.metagraph.message.MessageContentValidator.ROOT;
import static io.wabaflow.metagraph.message.MessageContentValidator.SECTION_TITLE_MAX;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

/**
 * The interactive kinds Meta documents for {@code POST /<phone>/messages} ({@code interactive.type}), each with
 * its documented limits. Where Meta's pages leave a rule open the check is tolerant and says so.
 */
final class InteractiveRules {

	/** Every kind, in Meta's names. */
	static final List<String> KINDS = List.of("button", "list", "cta_url", "flow", "product", "product_list",
			"catalog_message", "location_request_message", "address_message", "request_contact_info");

	private static final List<String> HEADER_TYPES = List.of("text", "image", "video", "document");

	private static final String ACTION = ROOT + ".action";

	private static final String PARAMETERS = ACTION + ".parameters";

	private InteractiveRules() {
	}

	static void validate(Checks checks, JsonNode content) {
		String type = checks.text(content, "type", ROOT + ".type", true, 0);
		if (type == null) {
			return;
		}
		if (!KINDS.contains(type)) {
			checks.fail(ROOT + ".type", "must be one of " + String.join(", ", KINDS));
			return;
		}
		JsonNode action = checks.object(content, "action", ACTION, true);
		JsonNode footer = checks.object(content, "footer", ROOT + ".footer", false);
		if (footer != null) {
			checks.text(footer, "text", ROOT + ".footer.text", true, FOOTER_TEXT_MAX);
		}
		switch (type) {
			case "button" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				header(checks, content, type, false, false);
				if (action != null) {
					buttons(checks, action);
				}
			}
			case "list" -> {
				body(checks, content, true, 4096);
				header(checks, content, type, false, true);
				if (action != null) {
					list(checks, action);
				}
			}
			case "cta_url" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				header(checks, content, type, false, false);
				JsonNode parameters = named(checks, action, "cta_url", true);
				if (parameters != null) {
					checks.text(parameters, "display_text", PARAMETERS + ".display_text", true, CTA_DISPLAY_TEXT_MAX);
					String url = checks.text(parameters, "url", PARAMETERS + ".url", true, 0);
					if (url != null) {
						MessageContentValidator.httpUrl(checks, url, PARAMETERS + ".url");
					}
				}
			}
			case "flow" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				// Meta shows a text header; whether media headers are refused for flows is unconfirmed: all four pass
				header(checks, content, type, false, false);
				JsonNode parameters = named(checks, action, "flow", true);
				if (parameters != null) {
					flow(checks, parameters);
				}
			}
			case "product" -> {
				// a single-product message shows the product's own image: Meta allows no header, and the body is optional
				body(checks, content, false, INTERACTIVE_BODY_MAX);
				if (!Checks.absent(content.get("header"))) {
					checks.fail(ROOT + ".header", "is not allowed for a product message");
				}
				if (action != null) {
					checks.text(action, "catalog_id", ACTION + ".catalog_id", true, 0);
					checks.text(action, "product_retailer_id", ACTION + ".product_retailer_id", true, 0);
				}
			}
			case "product_list" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				header(checks, content, type, true, true);
				if (action != null) {
					checks.text(action, "catalog_id", ACTION + ".catalog_id", true, 0);
					productSections(checks, action);
				}
			}
			case "catalog_message" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				JsonNode parameters = named(checks, action, "catalog_message", false);
				if (parameters != null) {
					// without it Meta shows the catalog's first product
					checks.text(parameters, "thumbnail_product_retailer_id", PARAMETERS + ".thumbnail_product_retailer_id",
							false, 0);
				}
			}
			case "location_request_message" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				named(checks, action, "send_location", false);
			}
			case "address_message" -> {
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				JsonNode parameters = named(checks, action, "address_message", true);
				if (parameters != null) {
					address(checks, parameters);
				}
			}
			case "request_contact_info" -> {
				// asks a user known by business-scoped user id only for their phone (facts §2.0): a tap shares it
				body(checks, content, true, INTERACTIVE_BODY_MAX);
				named(checks, action, "request_contact_info", false);
			}
			default -> throw new IllegalStateException(type);
		}
	}

	/**
	 * Checks {@code action.name} is {@code name}; the action's {@code parameters} object (a violation when it is
	 * required and absent), or null.
	 */
	private static JsonNode named(Checks checks, JsonNode action, String name, boolean parametersRequired) {
		if (action == null) {
			return null;
		}
		String actual = checks.text(action, "name", ACTION + ".name", true, 0);
		if (actual != null && !name.equals(actual)) {
			checks.fail(ACTION + ".name", "must be " + name);
		}
		return checks.object(action, "parameters", PARAMETERS, parametersRequired);
	}

	private static void body(Checks checks, JsonNode content, boolean required, int maxLength) {
		JsonNode body = checks.object(content, "body", ROOT + ".body", required);
		if (body != null) {
			checks.text(body, "text", ROOT + ".body.text", true, maxLength);
		}
	}

	/** A header of Meta's types: text (at most 60 characters), or image, video or document by id or link. */
	private static void header(Checks checks, JsonNode content, String kind, boolean required, boolean textOnly) {
		String path = ROOT + ".header";
		JsonNode header = checks.object(content, "header", path, required);
		if (header == null) {
			return;
		}
		String type = checks.text(header, "type", path + ".type", true, 0);
		if (type == null) {
			return;
		}
		if (textOnly && !"text".equals(type)) {
			checks.fail(path + ".type", "must be text for a " + kind + " message");
		}
		else if (!HEADER_TYPES.contains(type)) {
			checks.fail(path + ".type", "must be one of " + String.join(", ", HEADER_TYPES));
		}
		else if ("text".equals(type)) {
			checks.text(header, "text", path + ".text", true, HEADER_TEXT_MAX);
		}
		else {
			JsonNode media = checks.object(header, type, path + "." + type, true);
			if (media != null) {
				MessageContentValidator.mediaSource(checks, media, path + "." + type);
			}
		}
	}

	private static void buttons(Checks checks, JsonNode action) {
		String path = ACTION + ".buttons";
		JsonNode buttons = checks.array(action, "buttons", path, true);
		if (buttons == null) {
			return;
		}
		checks.size(buttons, path, 1, BUTTONS_MAX);
		Set<String> ids = new HashSet<>();
		checks.eachObject(buttons, path, (button, at) -> {
			String type = checks.text(button, "type", at + ".type", true, 0);
			if (type != null && !"reply".equals(type)) {
				checks.fail(at + ".type", "must be reply");
			}
			JsonNode reply = checks.object(button, "reply", at + ".reply", true);
			if (reply != null) {
				String id = checks.text(reply, "id", at + ".reply.id", true, BUTTON_ID_MAX);
				checks.text(reply, "title", at + ".reply.title", true, BUTTON_TITLE_MAX);
				if (id != null && !ids.add(id)) {
					checks.fail(at + ".reply.id", "must be unique among the buttons");
				}
			}
		});
	}

	private static void list(Checks checks, JsonNode action) {
		checks.text(action, "button", ACTION + ".button", true, 20);
		Set<String> ids = new HashSet<>();
		sections(checks, action, "rows", LIST_SECTIONS_MAX, LIST_ROWS_MAX, 0, "rows", (row, path) -> {
			String id = checks.text(row, "id", path + ".id", true, 200);
			checks.text(row, "title", path + ".title", true, 24);
			checks.text(row, "description", path + ".description", false, 72);
			if (id != null && !ids.add(id)) {
				checks.fail(path + ".id", "must be unique across the list");
			}
		});
	}

	/** A multi-product message: 1-10 sections of at least one product each, at most 30 products in all. */
	private static void productSections(Checks checks, JsonNode action) {
		// Meta does not say whether a product may appear twice: repeats are not refused
		sections(checks, action, "product_items", PRODUCT_SECTIONS_MAX, PRODUCTS_MAX, 1, "products",
				(product, path) -> checks.text(product, "product_retailer_id", path + ".product_retailer_id", true, 0));
	}

	/**
	 * {@code action.sections}: between 1 and {@code maxSections}, titled (at most 24 characters, required once
	 * there is more than one section), each with an array {@code itemsName} of at least {@code minPerSection}
	 * objects, between 1 and {@code maxItems} of them in total.
	 */
	private static void sections(Checks checks, JsonNode action, String itemsName, int maxSections, int maxItems,
			int minPerSection, String noun, BiConsumer<JsonNode, String> rule) {
		String path = ACTION + ".sections";
		JsonNode sections = checks.array(action, "sections", path, true);
		if (sections == null) {
			return;
		}
		checks.size(sections, path, 1, maxSections);
		int[] items = {0};
		checks.eachObject(sections, path, (section, at) -> {
			checks.text(section, "title", at + ".title", sections.size() > 1, SECTION_TITLE_MAX);
			JsonNode sectionItems = checks.array(section, itemsName, at + "." + itemsName, true);
			if (sectionItems == null) {
				return;
			}
			if (sectionItems.size() < minPerSection) {
				checks.fail(at + "." + itemsName, "must have at least " + minPerSection + " element");
			}
			items[0] += sectionItems.size();
			checks.eachObject(sectionItems, at + "." + itemsName, rule);
		});
		if (items[0] < 1 || items[0] > maxItems) {
			checks.fail(path, "must have between 1 and " + maxItems + " " + noun + " in total (has " + items[0] + ")");
		}
	}

	/** {@code action.parameters} of a Flow message (Meta's Flow messages page). */
	private static void flow(Checks checks, JsonNode parameters) {
		JsonNode version = parameters.get("flow_message_version");
		if (Checks.absent(version)) {
			checks.fail(PARAMETERS + ".flow_message_version", "is required");
		}
		// Meta documents the string "3"; the number 3 is taken as the same value
		else if (version.isContainer() || !"3".equals(version.asString())) {
			checks.fail(PARAMETERS + ".flow_message_version", "must be \"3\"");
		}
		String id = checks.text(parameters, "flow_id", PARAMETERS + ".flow_id", false, 0);
		String name = checks.text(parameters, "flow_name", PARAMETERS + ".flow_name", false, 0);
		if (id == null && name == null) {
			checks.fail(PARAMETERS, "needs either flow_id or flow_name");
		}
		else if (id != null && name != null) {
			checks.fail(PARAMETERS, "needs either flow_id or flow_name, not both");
		}
		checks.text(parameters, "flow_cta", PARAMETERS + ".flow_cta", true, FLOW_CTA_MAX);
		// optional: Meta's default token is "unused"
		checks.text(parameters, "flow_token", PARAMETERS + ".flow_token", false, 0);
		oneOf(checks, parameters, "mode", List.of("draft", "published"));
		String flowAction = oneOf(checks, parameters, "flow_action", List.of("navigate", "data_exchange"));
		String payloadPath = PARAMETERS + ".flow_action_payload";
		JsonNode payload = checks.object(parameters, "flow_action_payload", payloadPath, false);
		if (payload == null) {
			// optional for navigate: Meta then opens the Flow's first screen (older pages required it)
			return;
		}
		if ("data_exchange".equals(flowAction)) {
			checks.fail(payloadPath, "must be left out when flow_action is data_exchange");
			return;
		}
		// screen defaults to FIRST_ENTRY_SCREEN per Meta's current page, so it is optional too
		checks.text(payload, "screen", payloadPath + ".screen", false, 0);
		JsonNode data = checks.object(payload, "data", payloadPath + ".data", false);
		if (data != null && data.isEmpty()) {
			checks.fail(payloadPath + ".data", "must not be empty (leave it out instead)");
		}
	}

	private static void address(Checks checks, JsonNode parameters) {
		String country = checks.text(parameters, "country", PARAMETERS + ".country", true, 0);
		// ISO 3166 codes are upper case; whether Meta takes "in" too is unconfirmed, so case is not held against it
		if (country != null && !country.isBlank()
				&& !MessageContentValidator.ADDRESS_COUNTRIES.contains(country.strip().toUpperCase(Locale.ROOT))) {
			checks.fail(PARAMETERS + ".country", "must be one of "
					+ String.join(", ", MessageContentValidator.ADDRESS_COUNTRIES.stream().sorted().toList())
					+ " (the countries where Meta offers address messages)");
		}
		// prefilled fields and saved addresses: their inner fields vary by country and are left to Meta
		checks.object(parameters, "values", PARAMETERS + ".values", false);
		checks.array(parameters, "saved_addresses", PARAMETERS + ".saved_addresses", false);
	}

	private static String oneOf(Checks checks, JsonNode parent, String name, List<String> allowed) {
		String path = PARAMETERS + "." + name;
		String value = checks.text(parent, name, path, false, 0);
		if (value != null && !allowed.contains(value)) {
			checks.fail(path, "must be " + String.join(" or ", allowed));
		}
		return value;
	}
}

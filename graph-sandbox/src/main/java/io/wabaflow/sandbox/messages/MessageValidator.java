package io.wabaflow.sandbox.messages;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's request validation for {@code POST /{phone_number_id}/messages} [§4.1]: shapes, required fields and
 * limits of every message type Wabaflow sends, and of every interactive kind Meta documents. Wrong top-level
 * parameters (and wrong enum values or shapes) are 100, a missing type-specific field is 131008, a value out of
 * bounds is 131009.
 */
final class MessageValidator {

	static final List<String> TYPES = List.of("audio", "contacts", "document", "image", "interactive", "location",
			"reaction", "sticker", "template", "text", "video");

	/** Every {@code interactive.type} Meta documents for free-form messages. */
	static final List<String> INTERACTIVE_TYPES = List.of("button", "list", "cta_url", "flow", "product",
			"product_list", "catalog_message", "location_request_message", "address_message", "request_contact_info");

	private static final List<String> HEADER_TYPES = List.of("text", "image", "video", "document");

	private static final String PARAMETERS = "interactive['action']['parameters']";

	private MessageValidator() {
	}

	static OutboundRequest validate(ObjectNode body) {
		String recipientType = text(body, "recipient_type");
		if (recipientType != null && !recipientType.equals("individual")) {
			throw GraphErrors.invalidParameter(
					"Param recipient_type must be one of {INDIVIDUAL} - got \"" + recipientType + "\".");
		}
		// since July 2026 a user may be named by business-scoped user id instead (facts §2.0): "recipient"
		String recipient = text(body, "recipient");
		String to = text(body, "to");
		if (recipient != null && to != null) {
			throw GraphErrors.invalidParameter("Param to and param recipient cannot both be set.");
		}
		if (recipient != null) {
			if (!recipient.matches("[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}")) {
				throw GraphErrors.invalidParameter("Param recipient must be a business-scoped user ID.");
			}
			to = recipient;
		}
		else if (to == null || to.isBlank()) {
			throw GraphErrors.missingParameter("to");
		}
		else {
			String digits = PhoneNumber.digitsOf(to);
			if (!to.matches("[+0-9 ()\\-.]+") || digits.length() < 5 || digits.length() > 15) {
				throw GraphErrors.invalidParameter("Param to must be a phone number in international format or a wa_id.");
			}
		}
		String type = text(body, "type");
		type = type == null ? "text" : type;
		if (!TYPES.contains(type)) {
			throw GraphErrors.invalidParameter("Param type must be one of {"
					+ String.join(", ", TYPES.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()) + "} - got \""
					+ type + "\".");
		}
		JsonNode content = body.get(type);
		if (content == null || content.isNull()) {
			throw GraphErrors.requiredField(type);
		}
		String templateName = null;
		String templateLanguage = null;
		int bodyParameters = 0;
		switch (type) {
			case "text" -> text(content);
			case "image", "video", "document" -> media(type, content, true);
			case "audio", "sticker" -> media(type, content, false);
			case "location" -> location(content);
			case "contacts" -> contacts(content);
			case "interactive" -> interactive(content);
			case "reaction" -> reaction(content, body);
			case "template" -> {
				requireObject(content, "template");
				templateName = requiredText(content, "name", "template['name']");
				JsonNode language = content.path("language");
				templateLanguage = requiredText(language, "code", "template['language']['code']");
				bodyParameters = templateBodyParameters(content.path("components"));
			}
			default -> throw new IllegalStateException(type);
		}
		String context = null;
		JsonNode contextNode = body.get("context");
		if (contextNode != null && !contextNode.isNull()) {
			context = requiredText(contextNode, "message_id", "context['message_id']");
		}
		String opaque = text(body, "biz_opaque_callback_data");
		if (opaque != null && opaque.length() > 512) {
			throw GraphErrors.invalidValue("Param biz_opaque_callback_data must be at most 512 characters long.");
		}
		return new OutboundRequest(to, type, context, opaque, templateName, templateLanguage, bodyParameters, body);
	}

	private static void text(JsonNode text) {
		requireObject(text, "text");
		String body = requiredText(text, "body", "text['body']");
		maxLength(body, 4096, "text['body']");
		JsonNode preview = text.get("preview_url");
		if (preview != null && !preview.isBoolean()) {
			throw GraphErrors.invalidParameter("Param text['preview_url'] must be a boolean.");
		}
	}

	private static void media(String type, JsonNode media, boolean captionAllowed) {
		requireObject(media, type);
		String id = text(media, "id");
		String link = text(media, "link");
		boolean hasId = id != null && !id.isBlank();
		boolean hasLink = link != null && !link.isBlank();
		if (!hasId && !hasLink) {
			throw GraphErrors.requiredField(type + "['id'] or " + type + "['link']");
		}
		if (hasId && hasLink) {
			throw GraphErrors.invalidParameter("Param " + type + " must have either id or link, not both.");
		}
		if (hasLink && !link.matches("(?i)https?://\\S+")) {
			throw GraphErrors.invalidValue("Param " + type + "['link'] is not a valid URI.");
		}
		String caption = text(media, "caption");
		if (caption != null) {
			if (!captionAllowed) {
				throw GraphErrors.invalidParameter("Param " + type + "['caption'] is not supported for " + type + ".");
			}
			maxLength(caption, 1024, type + "['caption']");
		}
	}

	private static void location(JsonNode location) {
		requireObject(location, "location");
		coordinate(location, "latitude", 90);
		coordinate(location, "longitude", 180);
	}

	private static void coordinate(JsonNode location, String field, double bound) {
		JsonNode value = location.get(field);
		if (value == null || value.isNull()) {
			throw GraphErrors.requiredField("location['" + field + "']");
		}
		double number;
		try {
			number = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asString());
		}
		catch (NumberFormatException e) {
			throw GraphErrors.invalidValue("Param location['" + field + "'] must be a number.");
		}
		if (Math.abs(number) > bound) {
			throw GraphErrors.invalidValue("Param location['" + field + "'] is out of range.");
		}
	}

	private static void contacts(JsonNode contacts) {
		if (!contacts.isArray() || contacts.isEmpty()) {
			throw GraphErrors.requiredField("contacts");
		}
		if (contacts.size() > 257) {
			throw GraphErrors.invalidValue("Param contacts must contain at most 257 contacts.");
		}
		for (int i = 0; i < contacts.size(); i++) {
			requiredText(contacts.get(i).path("name"), "formatted_name", "contacts[" + i + "]['name']['formatted_name']");
		}
	}

	private static void interactive(JsonNode interactive) {
		requireObject(interactive, "interactive");
		String kind = requiredText(interactive, "type", "interactive['type']");
		if (!INTERACTIVE_TYPES.contains(kind)) {
			throw GraphErrors.invalidParameter("Param interactive['type'] must be one of {" + String.join(", ",
					INTERACTIVE_TYPES.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()) + "} - got \"" + kind + "\".");
		}
		header(interactive, kind);
		JsonNode footer = interactive.get("footer");
		if (footer != null) {
			maxLength(requiredText(footer, "text", "interactive['footer']['text']"), 60, "interactive['footer']['text']");
		}
		// a single-product message is the only kind whose body is optional
		JsonNode body = interactive.get("body");
		if (!"product".equals(kind) || body != null) {
			String bodyText = requiredText(interactive.path("body"), "text", "interactive['body']['text']");
			maxLength(bodyText, "list".equals(kind) ? 4096 : 1024, "interactive['body']['text']");
		}
		JsonNode action = interactive.path("action");
		if (!action.isObject()) {
			throw GraphErrors.requiredField("interactive['action']");
		}
		switch (kind) {
			case "button" -> buttons(action.path("buttons"));
			case "list" -> {
				maxLength(requiredText(action, "button", "interactive['action']['button']"), 20,
						"interactive['action']['button']");
				Set<String> ids = new HashSet<>();
				sections(action.path("sections"), "rows", 10, "rows", (row, rowPath) -> {
					String id = requiredText(row, "id", rowPath + "['id']");
					maxLength(id, 200, rowPath + "['id']");
					maxLength(requiredText(row, "title", rowPath + "['title']"), 24, rowPath + "['title']");
					String description = text(row, "description");
					if (description != null) {
						maxLength(description, 72, rowPath + "['description']");
					}
					if (!ids.add(id)) {
						throw GraphErrors.invalidValue("Rows must have unique ids; " + id + " is repeated.");
					}
				});
			}
			case "cta_url" -> {
				JsonNode parameters = named(action, "cta_url", true);
				maxLength(requiredText(parameters, "display_text", PARAMETERS + "['display_text']"), 20,
						PARAMETERS + "['display_text']");
				String url = requiredText(parameters, "url", PARAMETERS + "['url']");
				if (!url.matches("(?i)https?://\\S+")) {
					throw GraphErrors.invalidValue("Param " + PARAMETERS + "['url'] is not a valid URI.");
				}
			}
			case "flow" -> flow(named(action, "flow", true));
			case "product" -> {
				requiredText(action, "catalog_id", "interactive['action']['catalog_id']");
				requiredText(action, "product_retailer_id", "interactive['action']['product_retailer_id']");
			}
			case "product_list" -> {
				requiredText(action, "catalog_id", "interactive['action']['catalog_id']");
				sections(action.path("sections"), "product_items", 30, "products", (product, path) -> requiredText(
						product, "product_retailer_id", path + "['product_retailer_id']"));
			}
			case "catalog_message" -> {
				JsonNode parameters = named(action, "catalog_message", false);
				JsonNode thumbnail = parameters.get("thumbnail_product_retailer_id");
				if (thumbnail != null && !thumbnail.isString()) {
					throw GraphErrors.invalidParameter(
							"Param " + PARAMETERS + "['thumbnail_product_retailer_id'] must be a string.");
				}
			}
			case "location_request_message" -> named(action, "send_location", false);
			case "address_message" -> {
				String country = requiredText(named(action, "address_message", true), "country",
						PARAMETERS + "['country']");
				// Meta offers address messages in India and Singapore only
				if (!List.of("IN", "SG").contains(country.strip().toUpperCase(Locale.ROOT))) {
					throw GraphErrors.invalidValue("Param " + PARAMETERS
							+ "['country'] must be one of {IN, SG} - got \"" + country + "\".");
				}
			}
			case "request_contact_info" -> named(action, "request_contact_info", false);
			default -> throw new IllegalStateException(kind);
		}
	}

	/** Header types by kind: none for product, text only for list and product_list (where it is required). */
	private static void header(JsonNode interactive, String kind) {
		JsonNode header = interactive.get("header");
		if (header == null || header.isNull()) {
			if ("product_list".equals(kind)) {
				throw GraphErrors.requiredField("interactive['header']");
			}
			return;
		}
		if ("product".equals(kind)) {
			throw GraphErrors.invalidParameter("Param interactive['header'] is not supported for a product message.");
		}
		String type = requiredText(header, "type", "interactive['header']['type']");
		List<String> allowed = "list".equals(kind) || "product_list".equals(kind) ? List.of("text") : HEADER_TYPES;
		if (!allowed.contains(type)) {
			throw GraphErrors.invalidParameter("Param interactive['header']['type'] must be one of {" + String.join(", ",
					allowed.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()) + "} - got \"" + type + "\".");
		}
		if ("text".equals(type)) {
			maxLength(requiredText(header, "text", "interactive['header']['text']"), 60, "interactive['header']['text']");
		}
		else {
			JsonNode media = header.path(type);
			if (text(media, "id") == null && text(media, "link") == null) {
				throw GraphErrors.requiredField("interactive['header']['" + type + "']['id'] or ['link']");
			}
		}
	}

	/** {@code action.name} must be {@code name}; the action's parameters (an empty object when optional and absent). */
	private static JsonNode named(JsonNode action, String name, boolean parametersRequired) {
		String actual = requiredText(action, "name", "interactive['action']['name']");
		if (!name.equals(actual)) {
			throw GraphErrors.invalidParameter("Param interactive['action']['name'] must be " + name + ".");
		}
		JsonNode parameters = action.get("parameters");
		if (parameters == null || parameters.isNull()) {
			if (parametersRequired) {
				throw GraphErrors.requiredField(PARAMETERS);
			}
			return Json.MAPPER.createObjectNode();
		}
		requireObject(parameters, PARAMETERS);
		return parameters;
	}

	/** Meta's Flow message parameters; {@code flow_cta} up to 30 characters, as Meta's page now advises. */
	private static void flow(JsonNode parameters) {
		JsonNode version = parameters.get("flow_message_version");
		if (version == null || version.isNull()) {
			throw GraphErrors.requiredField(PARAMETERS + "['flow_message_version']");
		}
		if (version.isContainer() || !"3".equals(version.asString())) {
			throw GraphErrors.invalidValue("Param " + PARAMETERS + "['flow_message_version'] must be 3.");
		}
		String id = text(parameters, "flow_id");
		String name = text(parameters, "flow_name");
		if (id == null && name == null) {
			throw GraphErrors.requiredField(PARAMETERS + "['flow_id'] or " + PARAMETERS + "['flow_name']");
		}
		if (id != null && name != null) {
			throw GraphErrors.invalidParameter("Param " + PARAMETERS + " must have either flow_id or flow_name, not both.");
		}
		maxLength(requiredText(parameters, "flow_cta", PARAMETERS + "['flow_cta']"), 30, PARAMETERS + "['flow_cta']");
		oneOf(parameters, "mode", List.of("draft", "published"));
		String flowAction = oneOf(parameters, "flow_action", List.of("navigate", "data_exchange"));
		JsonNode payload = parameters.get("flow_action_payload");
		if (payload == null || payload.isNull()) {
			return;
		}
		if ("data_exchange".equals(flowAction)) {
			throw GraphErrors.invalidParameter(
					"Param " + PARAMETERS + "['flow_action_payload'] is not supported for flow_action data_exchange.");
		}
		requireObject(payload, PARAMETERS + "['flow_action_payload']");
		JsonNode data = payload.get("data");
		if (data != null && !data.isNull() && (!data.isObject() || data.isEmpty())) {
			throw GraphErrors.invalidValue(
					"Param " + PARAMETERS + "['flow_action_payload']['data'] must be a non-empty object.");
		}
	}

	private static String oneOf(JsonNode parameters, String field, List<String> allowed) {
		String value = text(parameters, field);
		if (value != null && !allowed.contains(value)) {
			throw GraphErrors.invalidParameter("Param " + PARAMETERS + "['" + field + "'] must be one of {"
					+ String.join(", ", allowed.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()) + "} - got \""
					+ value + "\".");
		}
		return value;
	}

	private static void buttons(JsonNode buttons) {
		if (!buttons.isArray() || buttons.isEmpty()) {
			throw GraphErrors.requiredField("interactive['action']['buttons']");
		}
		if (buttons.size() > 3) {
			throw GraphErrors.invalidValue("Param interactive['action']['buttons'] must have at most 3 elements.");
		}
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < buttons.size(); i++) {
			JsonNode button = buttons.get(i);
			String path = "interactive['action']['buttons'][" + i + "]";
			if (!"reply".equals(text(button, "type"))) {
				throw GraphErrors.invalidParameter("Param " + path + "['type'] must be one of {REPLY}.");
			}
			JsonNode reply = button.path("reply");
			String id = requiredText(reply, "id", path + "['reply']['id']");
			maxLength(id, 256, path + "['reply']['id']");
			maxLength(requiredText(reply, "title", path + "['reply']['title']"), 20, path + "['reply']['title']");
			if (!ids.add(id)) {
				throw GraphErrors.invalidValue("Buttons must have unique ids; " + id + " is repeated.");
			}
		}
	}

	/**
	 * 1-10 sections, titled (at most 24 characters; required once there are several), each with a non-empty array
	 * {@code itemsName}, at most {@code maxItems} items in all: rows of a list, products of a product_list.
	 */
	private static void sections(JsonNode sections, String itemsName, int maxItems, String noun,
			BiConsumer<JsonNode, String> item) {
		if (!sections.isArray() || sections.isEmpty()) {
			throw GraphErrors.requiredField("interactive['action']['sections']");
		}
		if (sections.size() > 10) {
			throw GraphErrors.invalidValue("Param interactive['action']['sections'] must have at most 10 elements.");
		}
		int items = 0;
		for (int s = 0; s < sections.size(); s++) {
			JsonNode section = sections.get(s);
			String path = "interactive['action']['sections'][" + s + "]";
			String title = text(section, "title");
			if (sections.size() > 1 && (title == null || title.isBlank())) {
				throw GraphErrors.requiredField(path + "['title']");
			}
			if (title != null) {
				maxLength(title, 24, path + "['title']");
			}
			JsonNode sectionItems = section.path(itemsName);
			if (!sectionItems.isArray() || sectionItems.isEmpty()) {
				throw GraphErrors.requiredField(path + "['" + itemsName + "']");
			}
			for (int i = 0; i < sectionItems.size(); i++) {
				item.accept(sectionItems.get(i), path + "['" + itemsName + "'][" + i + "]");
				items++;
			}
		}
		if (items > maxItems) {
			throw GraphErrors.invalidValue("A message can have at most " + maxItems + " " + noun + " in total; got "
					+ items + ".");
		}
	}

	private static void reaction(JsonNode reaction, JsonNode body) {
		requireObject(reaction, "reaction");
		requiredText(reaction, "message_id", "reaction['message_id']");
		JsonNode emoji = reaction.get("emoji");
		if (emoji == null || !emoji.isString()) {
			// an empty string removes a reaction, so only absence is an error
			throw GraphErrors.requiredField("reaction['emoji']");
		}
		if (body.has("context")) {
			throw GraphErrors.invalidParameter("A reaction cannot be sent as a reply (context is not supported).");
		}
	}

	private static int templateBodyParameters(JsonNode components) {
		if (components.isMissingNode() || components.isNull()) {
			return 0;
		}
		if (!components.isArray()) {
			throw GraphErrors.invalidParameter("Param template['components'] must be an array.");
		}
		int count = 0;
		for (int i = 0; i < components.size(); i++) {
			JsonNode component = components.get(i);
			String type = requiredText(component, "type", "template['components'][" + i + "]['type']");
			if (!List.of("header", "body", "button", "footer").contains(type.toLowerCase(Locale.ROOT))) {
				throw GraphErrors.invalidParameter("Param template['components'][" + i
						+ "]['type'] must be one of {HEADER, BODY, BUTTON, FOOTER} - got \"" + type + "\".");
			}
			JsonNode parameters = component.path("parameters");
			if (!parameters.isMissingNode() && !parameters.isArray()) {
				throw GraphErrors.invalidParameter(
						"Param template['components'][" + i + "]['parameters'] must be an array.");
			}
			if (type.equalsIgnoreCase("body") && parameters.isArray()) {
				count += parameters.size();
			}
		}
		return count;
	}

	private static void requireObject(JsonNode node, String name) {
		if (!node.isObject()) {
			throw GraphErrors.invalidParameter("Param " + name + " must be a JSON object.");
		}
	}

	private static String requiredText(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer() || value.asString().isBlank()) {
			throw GraphErrors.requiredField(path);
		}
		return value.asString();
	}

	private static void maxLength(String value, int max, String path) {
		if (value.codePointCount(0, value.length()) > max) {
			throw GraphErrors.invalidValue("Param " + path + " must be at most " + max + " characters long.");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.isContainer() ? null : value.asString();
	}
}

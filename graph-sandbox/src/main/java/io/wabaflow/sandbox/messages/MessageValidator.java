package io.wabaflow.sandbox.messages;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.world.PhoneNumber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's request validation for {@code POST /{phone_number_id}/messages} [§4.1]: shapes, required fields and
 * limits of every message type Wabaflow sends. Wrong top-level parameters are 100, a missing type-specific field
 * is 131008, a value out of bounds is 131009.
 */
final class MessageValidator {

	static final List<String> TYPES = List.of("audio", "contacts", "document", "image", "interactive", "location",
			"reaction", "sticker", "template", "text", "video");

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
		JsonNode header = interactive.get("header");
		if (header != null && "text".equals(text(header, "type"))) {
			maxLength(requiredText(header, "text", "interactive['header']['text']"), 60, "interactive['header']['text']");
		}
		JsonNode footer = interactive.get("footer");
		if (footer != null) {
			maxLength(requiredText(footer, "text", "interactive['footer']['text']"), 60, "interactive['footer']['text']");
		}
		String bodyText = requiredText(interactive.path("body"), "text", "interactive['body']['text']");
		JsonNode action = interactive.path("action");
		if (!action.isObject()) {
			throw GraphErrors.requiredField("interactive['action']");
		}
		switch (kind) {
			case "button" -> {
				maxLength(bodyText, 1024, "interactive['body']['text']");
				buttons(action.path("buttons"));
			}
			case "list" -> {
				maxLength(bodyText, 4096, "interactive['body']['text']");
				maxLength(requiredText(action, "button", "interactive['action']['button']"), 20,
						"interactive['action']['button']");
				sections(action.path("sections"));
			}
			case "cta_url" -> {
				maxLength(bodyText, 1024, "interactive['body']['text']");
				if (!"cta_url".equals(text(action, "name"))) {
					throw GraphErrors.invalidParameter("Param interactive['action']['name'] must be cta_url.");
				}
				JsonNode parameters = action.path("parameters");
				maxLength(requiredText(parameters, "display_text", "interactive['action']['parameters']['display_text']"),
						20, "interactive['action']['parameters']['display_text']");
				requiredText(parameters, "url", "interactive['action']['parameters']['url']");
			}
			case "request_contact_info" -> {
				maxLength(bodyText, 1024, "interactive['body']['text']");
				if (!"request_contact_info".equals(text(action, "name"))) {
					throw GraphErrors.invalidParameter("Param interactive['action']['name'] must be request_contact_info.");
				}
			}
			default -> throw GraphErrors.invalidParameter("Param interactive['type'] must be one of {BUTTON, LIST, "
					+ "CTA_URL, REQUEST_CONTACT_INFO} - got \"" + kind + "\".");
		}
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

	private static void sections(JsonNode sections) {
		if (!sections.isArray() || sections.isEmpty()) {
			throw GraphErrors.requiredField("interactive['action']['sections']");
		}
		if (sections.size() > 10) {
			throw GraphErrors.invalidValue("Param interactive['action']['sections'] must have at most 10 elements.");
		}
		int rows = 0;
		Set<String> ids = new HashSet<>();
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
			JsonNode sectionRows = section.path("rows");
			if (!sectionRows.isArray() || sectionRows.isEmpty()) {
				throw GraphErrors.requiredField(path + "['rows']");
			}
			for (int r = 0; r < sectionRows.size(); r++) {
				JsonNode row = sectionRows.get(r);
				String rowPath = path + "['rows'][" + r + "]";
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
				rows++;
			}
		}
		if (rows > 10) {
			throw GraphErrors.invalidValue("A list message can have at most 10 rows in total; got " + rows + ".");
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

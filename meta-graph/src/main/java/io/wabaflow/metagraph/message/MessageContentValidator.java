package io.wabaflow.metagraph.message;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's documented rules for the content of an outbound message (facts file 4.1), checked before a
 * message is accepted, so a caller hears about a 21-character button title at once and not as a failed
 * send minutes later. The ingress applies them to requests, the sender worker again to commands from
 * other producers. Content is the type's object in Meta's shape, e.g. {@code {"body":"hi"}} for text (an
 * array of contact cards for contacts). Thread-safe.
 */
public final class MessageContentValidator {

	public static final int TEXT_BODY_MAX = 4096;

	public static final int CAPTION_MAX = 1024;

	public static final int BUTTONS_MAX = 3;

	public static final int BUTTON_TITLE_MAX = 20;

	public static final int BUTTON_ID_MAX = 256;

	public static final int LIST_SECTIONS_MAX = 10;

	public static final int LIST_ROWS_MAX = 10;

	public static final int CONTACTS_MAX = 257;

	private static final String ROOT = "content";

	private final JsonMapper mapper;

	public MessageContentValidator() {
		this(JsonMapper.builder().build());
	}

	public MessageContentValidator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The violations of content given as JSON text; empty when the message may be sent. */
	public List<Violation> validate(OutboundMessageType type, String contentJson) {
		if (contentJson == null || contentJson.isBlank()) {
			return List.of(new Violation(ROOT, "is required"));
		}
		try {
			return validate(type, mapper.readTree(contentJson));
		}
		catch (JacksonException e) {
			return List.of(new Violation(ROOT, "is not valid JSON: " + e.getOriginalMessage()));
		}
	}

	/** The violations of content; empty when the message may be sent. */
	public List<Violation> validate(OutboundMessageType type, JsonNode content) {
		Checks checks = new Checks();
		if (Checks.absent(content)) {
			checks.fail(ROOT, "is required");
			return checks.violations();
		}
		if (type == OutboundMessageType.CONTACTS) {
			contacts(checks, content);
			return checks.violations();
		}
		if (!content.isObject()) {
			checks.fail(ROOT, "must be an object");
			return checks.violations();
		}
		switch (type) {
			case TEXT -> {
				checks.text(content, "body", ROOT + ".body", true, TEXT_BODY_MAX);
				checks.bool(content, "preview_url", ROOT + ".preview_url");
			}
			case IMAGE, VIDEO -> media(checks, content, true, false);
			case DOCUMENT -> media(checks, content, true, true);
			case AUDIO, STICKER -> media(checks, content, false, false);
			case LOCATION -> {
				checks.number(content, "latitude", ROOT + ".latitude", true, -90, 90);
				checks.number(content, "longitude", ROOT + ".longitude", true, -180, 180);
				checks.text(content, "name", ROOT + ".name", false, 0);
				checks.text(content, "address", ROOT + ".address", false, 0);
			}
			case INTERACTIVE -> interactive(checks, content);
			case REACTION -> {
				checks.text(content, "message_id", ROOT + ".message_id", true, 0);
				// An empty emoji is how a reaction is removed, so only its presence is required.
				if (Checks.absent(content.get("emoji"))) {
					checks.fail(ROOT + ".emoji", "is required (an empty string removes the reaction)");
				}
				else {
					checks.text(content, "emoji", ROOT + ".emoji", false, 0);
				}
			}
			case TEMPLATE -> template(checks, content);
			case MARK_READ -> checks.text(content, "message_id", ROOT + ".message_id", true, 0);
			default -> checks.fail("type", "is not supported");
		}
		return checks.violations();
	}

	/** Media is sent either by an uploaded media id or by a public link, never both. */
	private static void media(Checks checks, JsonNode content, boolean captioned, boolean document) {
		String id = checks.text(content, "id", ROOT + ".id", false, 0);
		String link = checks.text(content, "link", ROOT + ".link", false, 0);
		if (id == null && link == null) {
			checks.fail(ROOT, "needs either id (an uploaded media id) or link");
		}
		else if (id != null && link != null) {
			checks.fail(ROOT, "needs either id or link, not both");
		}
		if (link != null && !(link.startsWith("https://") || link.startsWith("http://"))) {
			checks.fail(ROOT + ".link", "must be an http(s) URL");
		}
		if (captioned) {
			checks.text(content, "caption", ROOT + ".caption", false, CAPTION_MAX);
		}
		else if (content.has("caption")) {
			checks.fail(ROOT + ".caption", "is not allowed for this media type");
		}
		if (document) {
			checks.text(content, "filename", ROOT + ".filename", false, 0);
		}
	}

	private static void contacts(Checks checks, JsonNode content) {
		if (!content.isArray()) {
			checks.fail(ROOT, "must be an array of contact cards");
			return;
		}
		checks.size(content, ROOT, 1, CONTACTS_MAX);
		for (int i = 0; i < content.size(); i++) {
			String path = ROOT + "[" + i + "]";
			JsonNode card = content.get(i);
			if (!card.isObject()) {
				checks.fail(path, "must be an object");
				continue;
			}
			JsonNode name = checks.object(card, "name", path + ".name", true);
			if (name != null) {
				checks.text(name, "formatted_name", path + ".name.formatted_name", true, 0);
			}
			checks.array(card, "phones", path + ".phones", false);
			checks.array(card, "emails", path + ".emails", false);
		}
	}

	private static void interactive(Checks checks, JsonNode content) {
		String type = checks.text(content, "type", ROOT + ".type", true, 0);
		if (type == null) {
			return;
		}
		JsonNode action = checks.object(content, "action", ROOT + ".action", true);
		JsonNode footer = checks.object(content, "footer", ROOT + ".footer", false);
		if (footer != null) {
			checks.text(footer, "text", ROOT + ".footer.text", true, 60);
		}
		switch (type) {
			case "button" -> {
				body(checks, content, 1024);
				header(checks, content);
				if (action != null) {
					buttons(checks, action);
				}
			}
			case "list" -> {
				body(checks, content, 4096);
				JsonNode header = checks.object(content, "header", ROOT + ".header", false);
				if (header != null) {
					String headerType = checks.text(header, "type", ROOT + ".header.type", true, 0);
					if (headerType != null && !"text".equals(headerType)) {
						checks.fail(ROOT + ".header.type", "must be text for a list message");
					}
					checks.text(header, "text", ROOT + ".header.text", true, 60);
				}
				if (action != null) {
					list(checks, action);
				}
			}
			case "cta_url" -> {
				body(checks, content, 1024);
				if (action != null) {
					JsonNode parameters = checks.object(action, "parameters", ROOT + ".action.parameters", true);
					if (parameters != null) {
						checks.text(parameters, "display_text", ROOT + ".action.parameters.display_text", true,
								BUTTON_TITLE_MAX);
						String url = checks.text(parameters, "url", ROOT + ".action.parameters.url", true, 0);
						if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
							checks.fail(ROOT + ".action.parameters.url", "must be an http(s) URL");
						}
					}
				}
			}
			case "request_contact_info" -> {
				// asks a user known by business-scoped user id only for their phone (facts §2.0): a tap shares it
				body(checks, content, 1024);
				if (action != null) {
					String name = checks.text(action, "name", ROOT + ".action.name", true, 0);
					if (name != null && !"request_contact_info".equals(name)) {
						checks.fail(ROOT + ".action.name", "must be request_contact_info");
					}
				}
			}
			default -> checks.fail(ROOT + ".type", "must be one of button, list, cta_url, request_contact_info");
		}
	}

	private static void body(Checks checks, JsonNode content, int maxLength) {
		JsonNode body = checks.object(content, "body", ROOT + ".body", true);
		if (body != null) {
			checks.text(body, "text", ROOT + ".body.text", true, maxLength);
		}
	}

	private static void header(Checks checks, JsonNode content) {
		JsonNode header = checks.object(content, "header", ROOT + ".header", false);
		if (header == null) {
			return;
		}
		String type = checks.text(header, "type", ROOT + ".header.type", true, 0);
		if ("text".equals(type)) {
			checks.text(header, "text", ROOT + ".header.text", true, 60);
		}
	}

	private static void buttons(Checks checks, JsonNode action) {
		String path = ROOT + ".action.buttons";
		JsonNode buttons = checks.array(action, "buttons", path, true);
		if (buttons == null) {
			return;
		}
		checks.size(buttons, path, 1, BUTTONS_MAX);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < buttons.size(); i++) {
			String at = path + "[" + i + "]";
			JsonNode button = buttons.get(i);
			if (!button.isObject()) {
				checks.fail(at, "must be an object");
				continue;
			}
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
		}
	}

	private static void list(Checks checks, JsonNode action) {
		checks.text(action, "button", ROOT + ".action.button", true, 20);
		String path = ROOT + ".action.sections";
		JsonNode sections = checks.array(action, "sections", path, true);
		if (sections == null) {
			return;
		}
		checks.size(sections, path, 1, LIST_SECTIONS_MAX);
		int rows = 0;
		Set<String> ids = new HashSet<>();
		for (int s = 0; s < sections.size(); s++) {
			String at = path + "[" + s + "]";
			JsonNode section = sections.get(s);
			if (!section.isObject()) {
				checks.fail(at, "must be an object");
				continue;
			}
			// Meta requires section titles once there is more than one section.
			checks.text(section, "title", at + ".title", sections.size() > 1, 24);
			JsonNode sectionRows = checks.array(section, "rows", at + ".rows", true);
			if (sectionRows == null) {
				continue;
			}
			for (int r = 0; r < sectionRows.size(); r++) {
				String rowPath = at + ".rows[" + r + "]";
				JsonNode row = sectionRows.get(r);
				rows++;
				if (!row.isObject()) {
					checks.fail(rowPath, "must be an object");
					continue;
				}
				String id = checks.text(row, "id", rowPath + ".id", true, 200);
				checks.text(row, "title", rowPath + ".title", true, 24);
				checks.text(row, "description", rowPath + ".description", false, 72);
				if (id != null && !ids.add(id)) {
					checks.fail(rowPath + ".id", "must be unique across the list");
				}
			}
		}
		if (rows < 1 || rows > LIST_ROWS_MAX) {
			checks.fail(path, "must have between 1 and " + LIST_ROWS_MAX + " rows in total (has " + rows + ")");
		}
	}

	private static void template(Checks checks, JsonNode content) {
		checks.text(content, "name", ROOT + ".name", true, 512);
		JsonNode language = checks.object(content, "language", ROOT + ".language", true);
		if (language != null) {
			checks.text(language, "code", ROOT + ".language.code", true, 0);
		}
		JsonNode components = checks.array(content, "components", ROOT + ".components", false);
		if (components == null) {
			return;
		}
		for (int i = 0; i < components.size(); i++) {
			String at = ROOT + ".components[" + i + "]";
			JsonNode component = components.get(i);
			if (!component.isObject()) {
				checks.fail(at, "must be an object");
				continue;
			}
			String type = checks.text(component, "type", at + ".type", true, 0);
			if (type != null && !Set.of("header", "body", "button", "footer", "carousel", "limited_time_offer")
					.contains(type)) {
				checks.fail(at + ".type", "must be header, body, button, footer, carousel or limited_time_offer");
			}
			if ("button".equals(type)) {
				checks.text(component, "sub_type", at + ".sub_type", true, 0);
				JsonNode index = component.get("index");
				if (Checks.absent(index)) {
					checks.fail(at + ".index", "is required for a button component");
				}
			}
			JsonNode parameters = checks.array(component, "parameters", at + ".parameters", false);
			if (parameters != null) {
				for (int p = 0; p < parameters.size(); p++) {
					JsonNode parameter = parameters.get(p);
					if (!parameter.isObject()) {
						checks.fail(at + ".parameters[" + p + "]", "must be an object");
						continue;
					}
					checks.text(parameter, "type", at + ".parameters[" + p + "].type", true, 0);
				}
			}
		}
	}
}

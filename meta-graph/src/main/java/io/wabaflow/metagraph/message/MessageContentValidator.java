package io.wabaflow.metagraph.message;

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

	/** Body of every interactive kind but {@code list} (4096). */
	public static final int INTERACTIVE_BODY_MAX = 1024;

	public static final int HEADER_TEXT_MAX = 60;

	public static final int FOOTER_TEXT_MAX = 60;

	public static final int SECTION_TITLE_MAX = 24;

	public static final int CTA_DISPLAY_TEXT_MAX = 20;

	/**
	 * {@code flow_cta}: Meta's Flow message page now says "advised to be 30 characters or less"; earlier versions
	 * said "character limit - 20 characters". Whether Graph rejects 21-30 is unconfirmed, so 30 is enforced.
	 */
	public static final int FLOW_CTA_MAX = 30;

	public static final int PRODUCT_SECTIONS_MAX = 10;

	/** Products across all sections of a {@code product_list} (multi-product) message. */
	public static final int PRODUCTS_MAX = 30;

	/** The countries where Meta offers {@code address_message} (India and Singapore, Meta's address message page). */
	public static final Set<String> ADDRESS_COUNTRIES = Set.of("IN", "SG");

	static final String ROOT = "content";

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
			case INTERACTIVE -> InteractiveRules.validate(checks, content);
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
		mediaSource(checks, content, ROOT);
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

	/** The media of a message or of an interactive header at {@code path}: an uploaded id or an http(s) link, not both. */
	static void mediaSource(Checks checks, JsonNode media, String path) {
		String id = checks.text(media, "id", path + ".id", false, 0);
		String link = checks.text(media, "link", path + ".link", false, 0);
		if (id == null && link == null) {
			checks.fail(path, "needs either id (an uploaded media id) or link");
		}
		else if (id != null && link != null) {
			checks.fail(path, "needs either id or link, not both");
		}
		if (link != null) {
			httpUrl(checks, link, path + ".link");
		}
	}

	static void httpUrl(Checks checks, String url, String path) {
		if (!url.startsWith("https://") && !url.startsWith("http://")) {
			checks.fail(path, "must be an http(s) URL");
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

package io.wabaflow.metagraph.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed views of the change values the workers act on ({@link EnvelopeChange#valueJson()} or a
 * {@code WebhookChange}'s {@code value_json}). Tolerant: unknown members are ignored, timestamps may be
 * strings or numbers, missing members are null or empty lists, unknown message types keep their raw JSON.
 * Only a value that is not a JSON object is refused ({@link MalformedChangeException}). Thread-safe.
 */
public final class ChangeValueParser {

	private final JsonMapper mapper;

	public ChangeValueParser() {
		this(JsonMapper.builder().build());
	}

	public ChangeValueParser(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** A {@code messages} value: inbound messages with their senders' profiles, and statuses of ours. */
	public MessagesValue messages(String valueJson) {
		JsonNode value = read(valueJson);
		return new MessagesValue(metadata(value),
				Json.list(value, "contacts", ChangeValueParser::contactProfile),
				Json.list(value, "messages", this::message),
				Json.list(value, "statuses", ChangeValueParser::status),
				errors(value));
	}

	/** A {@code calls} value: call events and call statuses, and the user's profile. */
	public CallsValue calls(String valueJson) {
		JsonNode value = read(valueJson);
		return new CallsValue(metadata(value), Json.list(value, "contacts", ChangeValueParser::contactProfile),
				Json.list(value, "calls", call -> call.isObject() ? new CallsValue.Call(Json.text(call, "id"),
						lower(Json.text(call, "event")), Json.text(call, "direction"), Json.text(call, "from"),
						Json.text(call, "to"), Json.instant(call, "timestamp"), Json.text(call, "status"),
						Json.integer(call, "duration"), call.toString()) : null),
				Json.list(value, "statuses", status -> status.isObject() ? new CallsValue.Call(Json.text(status, "id"),
						lower(Json.text(status, "status")), null, null, Json.text(status, "recipient_id"),
						Json.instant(status, "timestamp"), null, null, status.toString()) : null),
				errors(value));
	}

	private static String lower(String value) {
		return value == null ? null : value.toLowerCase(Locale.ROOT);
	}

	/** A {@code smb_app_state_sync} value: the Business app's contacts. */
	public StateSyncValue stateSync(String valueJson) {
		JsonNode value = read(valueJson);
		List<StateSyncContact> contacts = Json.list(value, "state_sync", item -> "contact".equals(Json.text(item, "type"))
				? stateSyncContact(item) : null);
		List<String> others = Json.list(value, "state_sync", item -> "contact".equals(Json.text(item, "type"))
				? null : item.toString());
		return new StateSyncValue(metadata(value), contacts, others);
	}

	/** A {@code history} value: chunks of chat history, a declined-sharing error, or media for placeholders. */
	public HistoryValue history(String valueJson) {
		JsonNode value = read(valueJson);
		return new HistoryValue(metadata(value), Json.list(value, "history", this::historyChunk),
				Json.list(value, "messages", this::message), errors(value));
	}

	/** A {@code smb_message_echoes} value: messages the business sent from the Business app. */
	public MessageEchoesValue messageEchoes(String valueJson) {
		JsonNode value = read(valueJson);
		return new MessageEchoesValue(metadata(value), Json.list(value, "message_echoes", this::echo));
	}

	/** An {@code account_update} value. */
	public QualityUpdate qualityUpdate(String valueJson) {
		JsonNode value = read(valueJson);
		return new QualityUpdate(Json.text(value, "display_phone_number"), Json.text(value, "event"),
				Json.text(value, "current_limit"), Json.text(value, "old_limit"));
	}

	/** A template change of any of the four template fields ({@link TemplateUpdate#isTemplateField}). */
	public TemplateUpdate templateUpdate(String field, String valueJson) {
		JsonNode value = read(valueJson);
		String category = TemplateUpdate.upper(Json.text(value, "message_template_category"));
		if (category == null) {
			category = TemplateUpdate.upper(Json.text(value, "new_category"));
		}
		return new TemplateUpdate(field, Json.text(value, "message_template_id"), Json.text(value, "message_template_name"),
				TemplateUpdate.language(Json.text(value, "message_template_language")),
				TemplateUpdate.STATUS.equals(field) ? TemplateUpdate.upper(Json.text(value, "event")) : null,
				Json.text(value, "reason"), category, TemplateUpdate.upper(Json.text(value, "correct_category")),
				Json.instant(value, "category_update_timestamp"),
				TemplateUpdate.upper(Json.text(value, "new_quality_score")));
	}

	/** A {@code user_preferences} value: the number it concerns and each user's preference change. */
	public List<UserPreference> userPreferences(String valueJson) {
		JsonNode value = read(valueJson);
		return Json.list(value, "user_preferences", item -> item.isObject() ? new UserPreference(Json.text(item, "wa_id"),
				Json.text(item, "user_id"), Json.text(item, "category"), lower(Json.text(item, "value")),
				Json.text(item, "detail"), Json.instant(item, "timestamp")) : null);
	}

	/** A {@code business_capability_update} value. */
	public CapabilityUpdate capabilityUpdate(String valueJson) {
		JsonNode value = read(valueJson);
		Integer conversations = Json.integer(value, "max_daily_conversations_per_business");
		if (conversations == null) {
			conversations = Json.integer(value, "max_daily_conversation_per_phone");
		}
		Integer numbers = Json.integer(value, "max_phone_numbers_per_waba");
		if (numbers == null) {
			numbers = Json.integer(value, "max_phone_numbers_per_business");
		}
		return new CapabilityUpdate(conversations, numbers);
	}

	public AccountUpdate accountUpdate(String valueJson) {
		JsonNode value = read(valueJson);
		JsonNode waba = value.get("waba_info");
		AccountUpdate.WabaInfo wabaInfo = waba == null || !waba.isObject() ? null
				: new AccountUpdate.WabaInfo(Json.text(waba, "waba_id"), Json.text(waba, "owner_business_id"),
						Json.text(waba, "partner_app_id"), Json.text(waba, "solution_id"));
		JsonNode disconnection = value.get("disconnection_info");
		AccountUpdate.DisconnectionInfo disconnectionInfo = disconnection == null || !disconnection.isObject() ? null
				: new AccountUpdate.DisconnectionInfo(Json.text(disconnection, "reason"),
						Json.text(disconnection, "initiated_by"));
		JsonNode ban = value.get("ban_info");
		AccountUpdate.BanInfo banInfo = ban == null || !ban.isObject() ? null
				: new AccountUpdate.BanInfo(Json.text(ban, "waba_ban_state"), Json.text(ban, "waba_ban_date"));
		return new AccountUpdate(Json.text(value, "event"), wabaInfo, Json.text(value, "phone_number"),
				disconnectionInfo, banInfo, Json.text(value, "country"), value.toString());
	}

	private JsonNode read(String valueJson) {
		JsonNode value;
		try {
			value = mapper.readTree(valueJson);
		}
		catch (JacksonException e) {
			throw new MalformedChangeException("Change value is not JSON: " + e.getOriginalMessage(), e);
		}
		if (value == null || !value.isObject()) {
			throw new MalformedChangeException("Change value is not a JSON object", null);
		}
		return value;
	}

	private static Metadata metadata(JsonNode value) {
		JsonNode metadata = value.get("metadata");
		if (metadata == null || !metadata.isObject()) {
			return Metadata.NONE;
		}
		return new Metadata(Json.text(metadata, "display_phone_number"), Json.text(metadata, "phone_number_id"));
	}

	private static List<WebhookError> errors(JsonNode node) {
		return Json.list(node, "errors", ChangeValueParser::error);
	}

	private static WebhookError error(JsonNode error) {
		if (!error.isObject()) {
			return null;
		}
		return new WebhookError(Json.integer(error, "code"), Json.text(error, "title"), Json.text(error, "message"),
				Json.text(error.path("error_data"), "details"), Json.text(error, "href"));
	}

	private static ContactProfile contactProfile(JsonNode contact) {
		if (!contact.isObject()) {
			return null;
		}
		return new ContactProfile(Json.text(contact, "wa_id"), Json.text(contact.path("profile"), "name"),
				Json.text(contact, "user_id"), Json.text(contact, "parent_user_id"),
				Json.text(contact.path("profile"), "username"), Json.text(contact, "identity_key_hash"));
	}

	private InboundMessage message(JsonNode message) {
		if (!message.isObject()) {
			return null;
		}
		String type = Json.text(message, "type");
		return new InboundMessage(Json.text(message, "id"), Json.text(message, "from"),
				Json.text(message, "from_user_id"), Json.text(message, "to"), Json.text(message, "group_id"),
				Json.instant(message, "timestamp"), type, content(type, message), context(message),
				Json.raw(message, "referral"), errors(message), contentJson(type, message), Json.raw(message, "context"),
				message.toString(), systemNotice(message.get("system")), sharedOwnPhones(type, message));
	}

	/** The wa_ids of a {@code contacts} message sent by a request-contact-info tap ({@code origin: contact_request}). */
	private static List<String> sharedOwnPhones(String type, JsonNode message) {
		if (!"contacts".equals(type)) {
			return List.of();
		}
		List<String> phones = new ArrayList<>();
		for (JsonNode contact : message.path("contacts")) {
			if ("contact_request".equals(Json.text(contact, "origin"))) {
				for (JsonNode phone : contact.path("phones")) {
					String waId = Json.text(phone, "wa_id");
					if (waId != null && !waId.isBlank()) {
						phones.add(waId);
					}
				}
			}
		}
		return List.copyOf(phones);
	}

	private static InboundMessage.SystemNotice systemNotice(JsonNode system) {
		if (system == null || !system.isObject()) {
			return null;
		}
		return new InboundMessage.SystemNotice(Json.text(system, "type"), Json.text(system, "body"),
				Json.text(system, "wa_id"), Json.text(system, "user_id"));
	}

	private MessageContent content(String type, JsonNode message) {
		if (type == null) {
			return new MessageContent.Unknown(null, null);
		}
		JsonNode body = message.path(type);
		return switch (type) {
			case "text" -> new MessageContent.Text(Json.text(body, "body"));
			case "image", "video", "audio", "document", "sticker" -> new MessageContent.Media(type,
					Json.text(body, "id"), Json.text(body, "mime_type"), Json.text(body, "sha256"),
					Json.text(body, "caption"), Json.text(body, "filename"), Json.text(body, "url"),
					Json.bool(body, "voice"));
			case "location" -> new MessageContent.Location(Json.decimal(body, "latitude"),
					Json.decimal(body, "longitude"), Json.text(body, "name"), Json.text(body, "address"),
					Json.text(body, "url"));
			case "interactive" -> interactiveReply(body);
			case "button" -> new MessageContent.Button(Json.text(body, "payload"), Json.text(body, "text"));
			case "reaction" -> new MessageContent.Reaction(Json.text(body, "message_id"), Json.text(body, "emoji"));
			case "edit" -> new MessageContent.Edit(Json.text(body, "original_message_id"),
					body.has("message") ? message(body.get("message")) : null);
			case "revoke" -> new MessageContent.Revoke(Json.text(body, "original_message_id"));
			case "contacts" -> new MessageContent.Contacts(Json.raw(message, "contacts"));
			case "media_placeholder" -> new MessageContent.MediaPlaceholder();
			case "unsupported" -> new MessageContent.Unsupported(errors(message));
			default -> new MessageContent.Unknown(type, Json.raw(message, type));
		};
	}

	private static MessageContent interactiveReply(JsonNode interactive) {
		String replyType = Json.text(interactive, "type");
		JsonNode reply = replyType == null ? null : interactive.get(replyType);
		if (reply == null || !reply.isObject()) {
			return new MessageContent.Unknown("interactive", interactive.isMissingNode() ? null : interactive.toString());
		}
		return new MessageContent.InteractiveReply(replyType, Json.text(reply, "id"), Json.text(reply, "title"),
				Json.text(reply, "description"));
	}

	private static MessageContext context(JsonNode message) {
		JsonNode context = message.get("context");
		if (context == null || !context.isObject()) {
			return null;
		}
		return new MessageContext(Json.text(context, "from"), Json.text(context, "id"),
				Boolean.TRUE.equals(Json.bool(context, "forwarded")),
				Boolean.TRUE.equals(Json.bool(context, "frequently_forwarded")));
	}

	private static MessageStatus status(JsonNode status) {
		if (!status.isObject()) {
			return null;
		}
		JsonNode conversation = status.get("conversation");
		JsonNode pricing = status.get("pricing");
		String value = Json.text(status, "status");
		return new MessageStatus(Json.text(status, "id"),
				value == null ? null : value.toLowerCase(Locale.ROOT),
				Json.instant(status, "timestamp"), Json.text(status, "recipient_id"),
				Json.text(status, "recipient_user_id"), Json.text(status, "recipient_type"),
				Json.text(status, "biz_opaque_callback_data"),
				conversation == null || !conversation.isObject() ? null
						: new MessageStatus.Conversation(Json.text(conversation, "id"),
								Json.instant(conversation, "expiration_timestamp"),
								Json.text(conversation.path("origin"), "type")),
				pricing == null || !pricing.isObject() ? null
						: new MessageStatus.Pricing(Json.bool(pricing, "billable"), Json.text(pricing, "pricing_model"),
								Json.text(pricing, "type"), Json.text(pricing, "category")),
				errors(status), status.toString());
	}

	private static StateSyncContact stateSyncContact(JsonNode item) {
		JsonNode contact = item.path("contact");
		return new StateSyncContact(Json.text(contact, "phone_number"), Json.text(contact, "full_name"),
				Json.text(contact, "first_name"), StateSyncContact.Action.of(Json.text(item, "action")),
				Json.instant(item.path("metadata"), "timestamp"), item.toString());
	}

	private HistoryChunk historyChunk(JsonNode chunk) {
		if (!chunk.isObject()) {
			return null;
		}
		JsonNode metadata = chunk.path("metadata");
		return new HistoryChunk(Json.integer(metadata, "phase"), Json.integer(metadata, "chunk_order"),
				Json.integer(metadata, "progress"), Json.list(chunk, "threads", this::historyThread), errors(chunk));
	}

	private HistoryChunk.HistoryThread historyThread(JsonNode thread) {
		if (!thread.isObject()) {
			return null;
		}
		return new HistoryChunk.HistoryThread(Json.text(thread, "id"), Json.list(thread, "messages",
				message -> message.isObject() ? new HistoryChunk.HistoryMessage(message(message),
						Json.text(message.path("history_context"), "status")) : null));
	}

	private MessageEcho echo(JsonNode echo) {
		if (!echo.isObject()) {
			return null;
		}
		String type = Json.text(echo, "type");
		return new MessageEcho(Json.text(echo, "id"), Json.text(echo, "from"), Json.text(echo, "to"),
				Json.text(echo, "to_user_id"), Json.text(echo, "group_id"), Json.instant(echo, "timestamp"), type, content(type, echo),
				contentJson(type, echo), Json.raw(echo, "context"), echo.toString());
	}

	private static String contentJson(String type, JsonNode message) {
		return type == null ? null : Json.raw(message, type);
	}
}

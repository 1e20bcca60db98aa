package io.wabaflow.sync.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sync.contacts.AddressBookFact;
import io.wabaflow.sync.contacts.ProfileFact;
import io.wabaflow.sync.history.ChunkFact;
import io.wabaflow.sync.history.HistoryErrorFact;
import io.wabaflow.sync.messages.EditFact;
import io.wabaflow.sync.messages.MessageFact;
import io.wabaflow.sync.messages.ReactionFact;
import io.wabaflow.sync.messages.RevokeFact;
import io.wabaflow.sync.statuses.StatusFact;

/**
 * INTERIM ADAPTER, to delete once {@code meta-graph}'s webhook parser ({@code io.wabaflow.metagraph.webhook})
 * is committed: reads the {@code value} JSON of the webhook changes the sync worker projects (facts file §2:
 * {@code messages}, {@code smb_message_echoes}, {@code smb_app_state_sync}, {@code history}) into facts.
 *
 * <p>Tolerant by design: unknown fields and message types are kept (each message's raw JSON is stored),
 * missing optional fields become nulls, elements without an id are skipped. Only a value that is not
 * JSON at all is a poison record. Timestamps are strings of Unix seconds (integers accepted); one that
 * cannot be read falls back to the change's {@code received_at}. Thread-safe.
 */
final class InterimWebhookReader {

	private final JsonMapper json = JsonMapper.builder().build();

	void read(WebhookChange change, ProjectionBatch batch) {
		JsonNode value;
		try {
			value = json.readTree(change.getValueJson());
		}
		catch (JacksonException e) {
			throw new PoisonRecordException("value_json of change " + change.getEventId() + " is not JSON: "
					+ e.getOriginalMessage(), e);
		}
		if (value == null || !value.isObject()) {
			throw new PoisonRecordException("value_json of change " + change.getEventId() + " is not a JSON object");
		}
		String phoneNumberId = change.getPhoneNumberId() != null ? change.getPhoneNumberId()
				: text(value.path("metadata"), "phone_number_id");
		if (phoneNumberId == null) {
			return; // not about a phone number (account or template updates): nothing to project
		}
		Context context = new Context(phoneNumberId, Digits.of(text(value.path("metadata"), "display_phone_number")),
				change.getReceivedAt().toEpochMilli(), batch);
		switch (change.getField()) {
			case "messages" -> {
				readInbound(value, context);
				readStatuses(value, context);
			}
			case "smb_message_echoes" -> readEchoes(value, context);
			case "smb_app_state_sync" -> readStateSync(value, context);
			case "history" -> readHistory(value, context);
			default -> {
				// other fields (account_update, templates, ...) are not projected here
			}
		}
	}

	private record Context(String phoneNumberId, String businessNumber, long receivedAtMs, ProjectionBatch batch) {
	}

	// --- messages: inbound ---

	private void readInbound(JsonNode value, Context context) {
		JsonNode contacts = value.path("contacts");
		List<String> contactIds = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		for (JsonNode contact : contacts) {
			String waId = Digits.of(text(contact, "wa_id"));
			if (waId != null) {
				contactIds.add(waId);
				names.put(waId, text(contact.path("profile"), "name"));
			}
		}
		Map<String, long[]> latestByContact = new HashMap<>();
		Map<String, String> latestMessageByContact = new HashMap<>();
		for (JsonNode message : value.path("messages")) {
			String wamid = text(message, "id");
			if (wamid == null) {
				continue;
			}
			String from = Digits.of(text(message, "from"));
			// "a WhatsApp user's ID and phone number may not always match": key by wa_id (facts 2.1 REC)
			String contact = contactIds.size() == 1 ? contactIds.get(0) : from;
			long sentAt = timestamp(message, context);
			emitMessage(message, wamid, contact, MessageFact.INBOUND, MessageFact.ORIGIN_CLOUD_API, "contact", sentAt,
					MessageFact.RANK_LIVE, MessageFact.RANK_LIVE, null, null, contact, context);
			if (contact != null) {
				long[] latest = latestByContact.computeIfAbsent(contact, k -> new long[] { Long.MIN_VALUE });
				String latestId = latestMessageByContact.get(contact);
				if (sentAt > latest[0] || (sentAt == latest[0] && (latestId == null || wamid.compareTo(latestId) > 0))) {
					latest[0] = sentAt;
					latestMessageByContact.put(contact, wamid);
				}
			}
		}
		for (String waId : contactIds) {
			String name = names.get(waId);
			long[] latest = latestByContact.get(waId);
			boolean dated = name != null && latest != null;
			context.batch().profiles.add(new ProfileFact(context.phoneNumberId(), waId, dated ? name : null,
					dated ? latest[0] : null, dated ? latestMessageByContact.get(waId) : null));
		}
	}

	// --- messages: statuses ---

	private void readStatuses(JsonNode value, Context context) {
		for (JsonNode status : value.path("statuses")) {
			String wamid = text(status, "id");
			String name = text(status, "status");
			if (wamid == null || name == null) {
				continue;
			}
			JsonNode error = status.path("errors").path(0);
			String raw = write(status);
			context.batch().statuses.add(new StatusFact(context.phoneNumberId(), wamid, name.toLowerCase(),
					timestamp(status, context), ContentHash.of(raw), text(status, "recipient_id"),
					"group".equals(text(status, "recipient_type")), integer(error, "code"), text(error, "title"),
					text(error.path("error_data"), "details"), raw));
		}
	}

	// --- smb_message_echoes: sent from the WhatsApp Business app ---

	private void readEchoes(JsonNode value, Context context) {
		for (JsonNode echo : value.path("message_echoes")) {
			String wamid = text(echo, "id");
			if (wamid == null) {
				continue;
			}
			String contact = Digits.of(text(echo, "to"));
			emitMessage(echo, wamid, contact, MessageFact.OUTBOUND, MessageFact.ORIGIN_BUSINESS_APP, "business_app",
					timestamp(echo, context), MessageFact.RANK_LIVE, MessageFact.RANK_LIVE, null, null,
					ReactionFact.BUSINESS, context);
		}
	}

	// --- smb_app_state_sync: the business app's address book ---

	private void readStateSync(JsonNode value, Context context) {
		for (JsonNode sync : value.path("state_sync")) {
			if (!"contact".equals(text(sync, "type"))) {
				continue;
			}
			JsonNode contact = sync.path("contact");
			String waId = Digits.of(text(contact, "phone_number"));
			String action = text(sync, "action");
			if (waId == null || action == null) {
				continue;
			}
			long changedAt = timestamp(sync.path("metadata"), context);
			context.batch().addressBook.add(new AddressBookFact(context.phoneNumberId(), waId, action.toLowerCase(),
					text(contact, "full_name"), text(contact, "first_name"), changedAt, ContentHash.of(write(sync))));
		}
	}

	// --- history: chats from before onboarding, media follow-ups, or a decline ---

	private void readHistory(JsonNode value, Context context) {
		readHistoryErrors(value.path("errors"), context);
		for (JsonNode chunk : value.path("history")) {
			readHistoryErrors(chunk.path("errors"), context);
			JsonNode metadata = chunk.path("metadata");
			Integer phase = integer(metadata, "phase");
			Integer chunkOrder = integer(metadata, "chunk_order");
			int threads = 0;
			int messages = 0;
			for (JsonNode thread : chunk.path("threads")) {
				threads++;
				String contact = Digits.of(text(thread, "id"));
				for (JsonNode message : thread.path("messages")) {
					String wamid = text(message, "id");
					if (wamid == null) {
						continue;
					}
					messages++;
					String from = Digits.of(text(message, "from"));
					boolean outbound = context.businessNumber() != null ? context.businessNumber().equals(from)
							: message.has("to") || (from != null && !from.equals(contact));
					String type = text(message, "type");
					int bodyRank = "media_placeholder".equals(type) ? MessageFact.RANK_PLACEHOLDER : MessageFact.RANK_HISTORY;
					emitMessage(message, wamid, contact, outbound ? MessageFact.OUTBOUND : MessageFact.INBOUND,
							MessageFact.ORIGIN_HISTORY, outbound ? "business_app" : "contact", timestamp(message, context),
							MessageFact.RANK_HISTORY, bodyRank, text(message.path("history_context"), "status"), phase,
							outbound ? ReactionFact.BUSINESS : contact, context);
				}
			}
			if (phase != null && chunkOrder != null) {
				Integer progress = integer(metadata, "progress");
				context.batch().chunks.add(new ChunkFact(context.phoneNumberId(), phase, chunkOrder,
						progress == null ? 0 : progress, threads, messages, context.receivedAtMs()));
			}
		}
		// The media follow-up: a history webhook whose value.messages[] completes media_placeholder messages
		// (same wamid, real content). It may come before the placeholder and may not name the contact.
		for (JsonNode message : value.path("messages")) {
			String wamid = text(message, "id");
			if (wamid == null) {
				continue;
			}
			String from = Digits.of(text(message, "from"));
			boolean outbound = context.businessNumber() != null && context.businessNumber().equals(from);
			String contact = outbound ? Digits.of(text(message, "to")) : from;
			emitMessage(message, wamid, contact, outbound ? MessageFact.OUTBOUND : MessageFact.INBOUND,
					MessageFact.ORIGIN_HISTORY, outbound ? "business_app" : "contact", timestamp(message, context),
					MessageFact.RANK_HISTORY_FOLLOW_UP, MessageFact.RANK_HISTORY, null, null,
					outbound ? ReactionFact.BUSINESS : contact, context);
		}
	}

	private void readHistoryErrors(JsonNode errors, Context context) {
		for (JsonNode error : errors) {
			Integer code = integer(error, "code");
			if (code != null) {
				context.batch().historyErrors.add(new HistoryErrorFact(context.phoneNumberId(), code,
						text(error, "title"), text(error, "message"), text(error.path("error_data"), "details"),
						context.receivedAtMs()));
			}
		}
	}

	// --- shared ---

	/**
	 * A message of any source, with its effect on other messages when it is a reaction, an edit or a
	 * revoke (stored as a message too, so nothing is dropped, but not counted as a conversation message).
	 */
	private void emitMessage(JsonNode message, String wamid, String contact, String direction, String origin,
			String sender, long sentAt, int envelopeRank, int bodyRank, String historyStatus, Integer historyPhase,
			String actor, Context context) {
		String type = text(message, "type");
		if (type == null) {
			type = "unknown";
		}
		String raw = write(message);
		JsonNode content = message.get(type);
		context.batch().message(new MessageFact(context.phoneNumberId(), wamid, contact, direction, origin, sender,
				sentAt, message.has("group_id"), envelopeRank, type, content == null ? null : write(content),
				message.has("context") ? write(message.get("context")) : null, raw, bodyRank, ContentHash.of(raw),
				historyStatus, historyPhase));
		String phoneNumberId = context.phoneNumberId();
		switch (type) {
			case "reaction" -> {
				String target = text(message.path("reaction"), "message_id");
				String emoji = text(message.path("reaction"), "emoji");
				if (target != null && actor != null) {
					context.batch().reactions.add(new ReactionFact(phoneNumberId, target, actor,
							emoji == null || emoji.isEmpty() ? null : emoji, sentAt, wamid));
				}
			}
			case "edit" -> {
				JsonNode edit = message.path("edit");
				String target = text(edit, "original_message_id");
				JsonNode edited = edit.path("message");
				String editedType = text(edited, "type");
				JsonNode editedContent = editedType == null ? null : edited.get(editedType);
				if (target != null) {
					context.batch().edits.add(new EditFact(phoneNumberId, target, editedType,
							editedContent == null ? null : write(editedContent), sentAt, wamid));
				}
			}
			case "revoke" -> {
				String target = text(message.path("revoke"), "original_message_id");
				if (target != null) {
					context.batch().revokes.add(new RevokeFact(phoneNumberId, target, sentAt, wamid));
				}
			}
			default -> {
			}
		}
	}

	private long timestamp(JsonNode node, Context context) {
		String seconds = text(node, "timestamp");
		if (seconds != null) {
			try {
				return Long.parseLong(seconds.strip()) * 1000L;
			}
			catch (NumberFormatException unreadable) {
				// fall through to the time of receipt
			}
		}
		return context.receivedAtMs();
	}

	private String write(JsonNode node) {
		return json.writeValueAsString(node);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static Integer integer(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException unreadable) {
			return null;
		}
	}
}

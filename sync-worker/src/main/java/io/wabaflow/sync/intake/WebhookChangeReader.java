package io.wabaflow.sync.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.wabaflow.metagraph.webhook.CallsValue;
import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.ContactProfile;
import io.wabaflow.metagraph.webhook.HistoryChunk;
import io.wabaflow.metagraph.webhook.HistoryValue;
import io.wabaflow.metagraph.webhook.InboundMessage;
import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.metagraph.webhook.MessageContent;
import io.wabaflow.metagraph.webhook.MessageEcho;
import io.wabaflow.metagraph.webhook.MessageStatus;
import io.wabaflow.metagraph.webhook.MessagesValue;
import io.wabaflow.metagraph.webhook.Metadata;
import io.wabaflow.metagraph.webhook.StateSyncContact;
import io.wabaflow.metagraph.webhook.WebhookError;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sync.calls.CallEventFact;
import io.wabaflow.sync.contacts.AddressBookFact;
import io.wabaflow.sync.contacts.ProfileFact;
import io.wabaflow.sync.events.WebhookEventFact;
import io.wabaflow.sync.history.ChunkFact;
import io.wabaflow.sync.history.HistoryErrorFact;
import io.wabaflow.sync.identity.ConversationKey;
import io.wabaflow.sync.identity.UserIds;
import io.wabaflow.sync.messages.EditFact;
import io.wabaflow.sync.messages.MessageFact;
import io.wabaflow.sync.messages.ReactionFact;
import io.wabaflow.sync.messages.RevokeFact;
import io.wabaflow.sync.statuses.StatusFact;

/**
 * Turns the webhook changes the sync worker projects (facts file §2: {@code messages},
 * {@code smb_message_echoes}, {@code smb_app_state_sync}, {@code history}) into facts, through
 * {@code meta-graph}'s parser.
 *
 * <p>Tolerant by design: unknown fields and message types are kept (each message's raw JSON is stored),
 * missing optional fields become nulls, elements without an id are skipped. Only a value that is not a
 * JSON object is a poison record. A timestamp that is absent or unreadable falls back to the change's
 * {@code received_at}. Thread-safe.
 */
final class WebhookChangeReader {

	private final ChangeValueParser parser = new ChangeValueParser();

	void read(WebhookChange change, ProjectionBatch batch) {
		try {
			switch (change.getField()) {
				case "messages" -> {
					MessagesValue value = parser.messages(change.getValueJson());
					Context context = context(change, value.metadata(), batch);
					if (context != null) {
						readInbound(value, context);
						readStatuses(value.statuses(), context);
					}
					if (!value.errors().isEmpty()) {
						// errors about the number itself (130429 rate limit, 131035 ...): kept on the number
						keep(change, MESSAGES_ERRORS, context == null ? change.getPhoneNumberId() : context.phoneNumberId(),
								batch);
					}
				}
				case "smb_message_echoes" -> {
					var value = parser.messageEchoes(change.getValueJson());
					Context context = context(change, value.metadata(), batch);
					if (context != null) {
						readEchoes(value.echoes(), context);
					}
				}
				case "smb_app_state_sync" -> {
					var value = parser.stateSync(change.getValueJson());
					Context context = context(change, value.metadata(), batch);
					if (context != null) {
						readStateSync(value.contacts(), context);
					}
				}
				case "calls" -> {
					CallsValue value = parser.calls(change.getValueJson());
					Context context = context(change, value.metadata(), batch);
					if (context != null) {
						readCalls(value, context);
					}
					if (!value.errors().isEmpty()) {
						keep(change, CALLS_ERRORS, context == null ? change.getPhoneNumberId() : context.phoneNumberId(),
								batch);
					}
				}
				case "history" -> {
					HistoryValue value = parser.history(change.getValueJson());
					Context context = context(change, value.metadata(), batch);
					if (context != null) {
						readHistory(value, context);
					}
				}
				default -> {
					// every other field (account_update, templates, quality, calls, preferences, ...): kept as received,
					// so that nothing signed leaves no trace; the projections that model them read from here on
					keep(change, change.getField(), change.getPhoneNumberId(), batch);
				}
			}
		}
		catch (MalformedChangeException e) {
			throw new PoisonRecordException("value_json of change " + change.getEventId() + ": " + e.getMessage(), e);
		}
	}

	/** The field under which a messages change's value-level errors are kept. */
	static final String MESSAGES_ERRORS = "messages.errors";

	/** The field under which a calls change's value-level errors are kept. */
	static final String CALLS_ERRORS = "calls.errors";

	private static void keep(WebhookChange change, String field, String phoneNumberId, ProjectionBatch batch) {
		if (change.getValueJson() == null || !change.getValueJson().stripLeading().startsWith("{")) {
			throw new PoisonRecordException("value_json of change " + change.getEventId() + " is not a JSON object");
		}
		batch.webhookEvents.add(new WebhookEventFact(change.getWabaId(), change.getEventId(), phoneNumberId, field,
				change.getReceivedAt().toEpochMilli(), change.getValueJson()));
	}

	/** Null when the change is not about a phone number: nothing to project. */
	private static Context context(WebhookChange change, Metadata metadata, ProjectionBatch batch) {
		String phoneNumberId = change.getPhoneNumberId() != null ? change.getPhoneNumberId() : metadata.phoneNumberId();
		return phoneNumberId == null ? null
				: new Context(phoneNumberId, UserIds.phone(metadata.displayPhoneNumber()),
						change.getReceivedAt().toEpochMilli(), batch);
	}

	private record Context(String phoneNumberId, String businessNumber, long receivedAtMs, ProjectionBatch batch) {

		long millis(Instant timestamp) {
			return timestamp == null ? receivedAtMs : timestamp.toEpochMilli();
		}
	}

	/** What the projection keeps of a message, whichever webhook it came in. */
	private record Wire(String id, String groupId, String type, MessageContent content, String contentJson,
			String contextJson, String rawJson) {

		static Wire of(InboundMessage message) {
			return new Wire(message.id(), message.groupId(), message.type(), message.content(), message.contentJson(),
					message.contextJson(), message.rawJson());
		}

		static Wire of(MessageEcho echo) {
			return new Wire(echo.id(), echo.groupId(), echo.type(), echo.content(), echo.contentJson(),
					echo.contextJson(), echo.rawJson());
		}
	}

	// --- messages: inbound ---

	private void readInbound(MessagesValue value, Context context) {
		String number = context.phoneNumberId();
		// each contact by its phone when it has one, else its BSUID; a contact with both links them (facts §2.0)
		List<String> contactIds = new ArrayList<>();
		Map<String, ContactProfile> profiles = new HashMap<>();
		for (ContactProfile profile : value.contacts()) {
			String phone = UserIds.phone(profile.waId());
			String bsuid = UserIds.bsuid(profile.userId());
			String identity = phone != null ? phone : bsuid;
			if (identity != null) {
				context.batch().link(number, phone, bsuid);
				contactIds.add(identity);
				profiles.put(identity, profile);
			}
		}
		Map<String, Long> latestAtByContact = new HashMap<>();
		Map<String, String> latestMessageByContact = new HashMap<>();
		for (InboundMessage message : value.messages()) {
			String wamid = message.id();
			if (wamid == null) {
				continue;
			}
			String from = notTheBusiness(UserIds.phone(message.from()), context);
			String fromUser = UserIds.bsuid(message.fromUserId());
			context.batch().link(number, from, fromUser);
			String author = from != null ? from : fromUser;
			String contact = contactIds.size() == 1 ? contactIds.get(0) : author;
			if (contactIds.size() == 1) {
				// one contact wrote this change's message: the contact's names and the message's are one user's,
				// even when wa_id and from differ ("a WhatsApp user's ID and phone number may not always match")
				context.batch().link(number, contact, author);
			}
			linkChangedNumber(message, from, fromUser, context);
			// a tap on a request-contact-info button shares the user's own phone: the BSUID's person has it now
			for (String shared : message.sharedOwnPhones()) {
				context.batch().link(number, author, UserIds.phone(shared));
			}
			long sentAt = context.millis(message.timestamp());
			// a group's messages are the group's conversation, never their author's one-to-one conversation
			String conversation = message.groupId() != null ? GROUP + message.groupId() : contact;
			emitMessage(Wire.of(message), conversation, MessageFact.INBOUND, MessageFact.ORIGIN_CLOUD_API, "contact",
					sentAt, MessageFact.RANK_LIVE, MessageFact.RANK_LIVE, null, null, contact, context);
			if (contact != null) {
				Long latestAt = latestAtByContact.get(contact);
				String latestId = latestMessageByContact.get(contact);
				if (latestAt == null || sentAt > latestAt || (sentAt == latestAt && wamid.compareTo(latestId) > 0)) {
					latestAtByContact.put(contact, sentAt);
					latestMessageByContact.put(contact, wamid);
				}
			}
		}
		for (String identity : contactIds) {
			ContactProfile profile = profiles.get(identity);
			Long latestAt = latestAtByContact.get(identity);
			boolean dated = profile.name() != null && latestAt != null;
			context.batch().profiles.add(new ProfileFact(number, identity, dated ? profile.name() : null,
					dated ? latestAt : null, dated ? latestMessageByContact.get(identity) : null,
					UserIds.bsuid(profile.userId()), UserIds.bsuid(profile.parentUserId()), profile.username()));
		}
	}

	/** The conversation identity of a group chat: never a phone nor a BSUID, so never linked to a user. */
	static final String GROUP = "group:";

	/** A message "from" the business itself (some SDKs' fixtures) names no user. */
	private static String notTheBusiness(String phone, Context context) {
		return phone == null || phone.equals(context.businessNumber()) || phone.equals(context.phoneNumberId()) ? null
				: phone;
	}

	/**
	 * {@code user_changed_number}: the user's new phone (and new BSUID, which Meta regenerates on a number change)
	 * belong to the person of the old ones, whose conversation goes on.
	 */
	private static void linkChangedNumber(InboundMessage message, String from, String fromUser, Context context) {
		InboundMessage.SystemNotice system = message.system();
		if (system != null && "user_changed_number".equals(system.type())) {
			// the old names are linked to each other already (from and from_user_id): one of them to each new name
			String number = context.phoneNumberId();
			String old = from != null ? from : fromUser;
			context.batch().link(number, old, UserIds.phone(system.waId()));
			context.batch().link(number, old, UserIds.bsuid(system.userId()));
		}
	}

	// --- messages: statuses ---

	private void readStatuses(List<MessageStatus> statuses, Context context) {
		for (MessageStatus status : statuses) {
			if (status.messageId() == null || status.status() == null) {
				continue;
			}
			WebhookError error = status.errors().isEmpty() ? null : status.errors().get(0);
			boolean group = "group".equals(status.recipientType());
			String phone = group ? null : UserIds.phone(status.recipientId());
			String bsuid = group ? null : UserIds.bsuid(status.recipientUserId());
			context.batch().link(context.phoneNumberId(), phone, bsuid);
			context.batch().statuses.add(new StatusFact(context.phoneNumberId(), status.messageId(), status.status(),
					context.millis(status.timestamp()), ContentHash.of(status.rawJson()),
					group ? status.recipientId() : UserIds.of(phone, bsuid),
					"group".equals(status.recipientType()), error == null ? null : error.code(),
					error == null ? null : error.title(), error == null ? null : error.details(), status.rawJson()));
		}
	}

	// --- calls: WhatsApp Business Calling, kept on the user's conversation ---

	private void readCalls(CallsValue value, Context context) {
		String number = context.phoneNumberId();
		String contact = null;
		if (value.contacts().size() == 1) {
			ContactProfile profile = value.contacts().get(0);
			String phone = UserIds.phone(profile.waId());
			String bsuid = UserIds.bsuid(profile.userId());
			context.batch().link(number, phone, bsuid);
			contact = phone != null ? phone : bsuid;
		}
		List<CallsValue.Call> events = new ArrayList<>(value.calls());
		events.addAll(value.statuses());
		for (CallsValue.Call call : events) {
			if (call.id() == null || call.event() == null) {
				continue;
			}
			// without a contact: the user is the side that is not the business
			String user = contact != null ? contact
					: notTheBusiness(UserIds.phone("BUSINESS_INITIATED".equals(call.direction()) || call.from() == null
							? call.to() : call.from()), context);
			context.batch().callEvents.add(new CallEventFact(number, call.id(), call.event(), user, call.direction(),
					call.status(), context.millis(call.timestamp()), call.duration(), call.rawJson(),
					ContentHash.of(call.rawJson())));
			if (user != null) {
				context.batch().namedIdentities.add(new ConversationKey(number, user));
			}
		}
	}

	// --- smb_message_echoes: sent from the WhatsApp Business app ---

	private void readEchoes(List<MessageEcho> echoes, Context context) {
		for (MessageEcho echo : echoes) {
			if (echo.id() != null) {
				// the user by phone when the echo names it, else by business-scoped user id; both: one person
				String phone = UserIds.either(echo.to());
				String bsuid = UserIds.bsuid(echo.toUserId());
				if (phone != null && bsuid != null) {
					context.batch().link(context.phoneNumberId(), phone, bsuid);
				}
				String conversation = echo.groupId() != null ? GROUP + echo.groupId() : phone != null ? phone : bsuid;
				emitMessage(Wire.of(echo), conversation, MessageFact.OUTBOUND, MessageFact.ORIGIN_BUSINESS_APP,
						"business_app", context.millis(echo.timestamp()), MessageFact.RANK_LIVE, MessageFact.RANK_LIVE, null,
						null, ReactionFact.BUSINESS, context);
			}
		}
	}

	// --- smb_app_state_sync: the business app's address book ---

	private void readStateSync(List<StateSyncContact> contacts, Context context) {
		for (StateSyncContact contact : contacts) {
			String waId = UserIds.phone(contact.phoneNumber());
			// an action we do not know stays in the topic: a replay projects it once this reader learns it
			if (waId == null || contact.action() == StateSyncContact.Action.UNKNOWN) {
				continue;
			}
			context.batch().addressBook.add(new AddressBookFact(context.phoneNumberId(), waId,
					contact.action().name().toLowerCase(Locale.ROOT), contact.fullName(), contact.firstName(),
					context.millis(contact.timestamp()), ContentHash.of(contact.rawJson())));
		}
	}

	// --- history: chats from before onboarding, media follow-ups, or a decline ---

	private void readHistory(HistoryValue value, Context context) {
		readHistoryErrors(value.errors(), context);
		for (HistoryChunk chunk : value.chunks()) {
			readHistoryErrors(chunk.errors(), context);
			int threads = 0;
			int messages = 0;
			for (HistoryChunk.HistoryThread thread : chunk.threads()) {
				threads++;
				// a thread of a username user may be named by business-scoped user id (tolerant: facts §2.0)
				String contact = UserIds.either(thread.id());
				for (HistoryChunk.HistoryMessage historyMessage : thread.messages()) {
					InboundMessage message = historyMessage.message();
					if (message == null || message.id() == null) {
						continue;
					}
					messages++;
					String from = UserIds.phone(message.from());
					String fromUser = UserIds.bsuid(message.fromUserId());
					if (fromUser != null && contact != null && !contact.equals(fromUser)
							&& (from == null || from.equals(contact))) {
						context.batch().link(context.phoneNumberId(), contact, fromUser);
					}
					boolean outbound = context.businessNumber() != null ? context.businessNumber().equals(from)
							: message.to() != null || (from != null && !from.equals(contact));
					int bodyRank = "media_placeholder".equals(message.type()) ? MessageFact.RANK_PLACEHOLDER
							: MessageFact.RANK_HISTORY;
					emitMessage(Wire.of(message), contact, outbound ? MessageFact.OUTBOUND : MessageFact.INBOUND,
							MessageFact.ORIGIN_HISTORY, outbound ? "business_app" : "contact",
							context.millis(message.timestamp()), MessageFact.RANK_HISTORY, bodyRank, historyMessage.status(),
							chunk.phase(), outbound ? ReactionFact.BUSINESS : contact, context);
				}
			}
			if (chunk.phase() != null && chunk.chunkOrder() != null) {
				context.batch().chunks.add(new ChunkFact(context.phoneNumberId(), chunk.phase(), chunk.chunkOrder(),
						chunk.progress() == null ? 0 : chunk.progress(), threads, messages, context.receivedAtMs()));
			}
		}
		// The media follow-up: a history webhook whose value.messages[] completes media_placeholder messages
		// (same wamid, real content). It may come before the placeholder and may not name the contact.
		for (InboundMessage message : value.mediaMessages()) {
			if (message.id() == null) {
				continue;
			}
			String from = UserIds.phone(message.from());
			boolean outbound = context.businessNumber() != null && context.businessNumber().equals(from);
			String contact = outbound ? UserIds.phone(message.to()) : from;
			emitMessage(Wire.of(message), contact, outbound ? MessageFact.OUTBOUND : MessageFact.INBOUND,
					MessageFact.ORIGIN_HISTORY, outbound ? "business_app" : "contact", context.millis(message.timestamp()),
					MessageFact.RANK_HISTORY_FOLLOW_UP, MessageFact.RANK_HISTORY, null, null,
					outbound ? ReactionFact.BUSINESS : contact, context);
		}
	}

	private void readHistoryErrors(List<WebhookError> errors, Context context) {
		for (WebhookError error : errors) {
			if (error.code() != null) {
				context.batch().historyErrors.add(new HistoryErrorFact(context.phoneNumberId(), error.code(),
						error.title(), error.message(), error.details(), context.receivedAtMs()));
			}
		}
	}

	// --- shared ---

	/**
	 * A message of any source, with its effect on other messages when it is a reaction, an edit or a
	 * revoke (stored as a message too, so nothing is dropped, but not counted as a conversation message).
	 */
	private void emitMessage(Wire message, String contact, String direction, String origin, String sender, long sentAt,
			int envelopeRank, int bodyRank, String historyStatus, Integer historyPhase, String actor, Context context) {
		String type = message.type() == null ? "unknown" : message.type();
		String wamid = message.id();
		// in a group, the actor is the member who wrote (the business for its own messages)
		String author = message.groupId() == null ? null : actor;
		context.batch().message(new MessageFact(context.phoneNumberId(), wamid, contact, direction, origin, sender,
				sentAt, message.groupId() != null, author, envelopeRank, type, message.contentJson(), message.contextJson(),
				message.rawJson(), bodyRank, ContentHash.of(message.rawJson()), historyStatus, historyPhase));
		String phoneNumberId = context.phoneNumberId();
		MessageContent content = message.content();
		if (content instanceof MessageContent.Reaction reaction) {
			if (reaction.messageId() != null && actor != null) {
				context.batch().reactions.add(new ReactionFact(phoneNumberId, reaction.messageId(), actor,
						reaction.removed() ? null : reaction.emoji(), sentAt, wamid));
			}
		}
		else if (content instanceof MessageContent.Edit edit) {
			if (edit.originalMessageId() != null) {
				InboundMessage edited = edit.message();
				context.batch().edits.add(new EditFact(phoneNumberId, edit.originalMessageId(),
						edited == null ? null : edited.type(), edited == null ? null : edited.contentJson(), sentAt, wamid));
			}
		}
		else if (content instanceof MessageContent.Revoke revoke) {
			if (revoke.originalMessageId() != null) {
				context.batch().revokes.add(new RevokeFact(phoneNumberId, revoke.originalMessageId(), sentAt, wamid));
			}
		}
	}
}

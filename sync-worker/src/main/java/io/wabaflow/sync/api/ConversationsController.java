package io.wabaflow.sync.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.calls.CallEventQueries;
import io.wabaflow.sync.calls.CallEventView;
import io.wabaflow.sync.conversations.ConversationQueries;
import io.wabaflow.sync.conversations.ConversationView;
import io.wabaflow.sync.identity.ConversationKey;
import io.wabaflow.sync.messages.MessageQueries;
import io.wabaflow.sync.messages.MessageView;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/** Conversations of a number (newest first) and the messages of a conversation (newest first). */
@RestController
class ConversationsController {

	private final ActiveGeneration active;

	private final Clock clock;

	private final ConversationQueries conversations = new ConversationQueries();

	private final MessageQueries messages = new MessageQueries();

	private final CallEventQueries calls = new CallEventQueries();

	ConversationsController(ActiveGeneration active, Clock clock) {
		this.active = active;
		this.clock = clock;
	}

	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/conversations")
	@RequiresScope(Scope.READ)
	Page<ConversationView> conversations(Principal caller, @PathVariable String phoneNumberId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String q) {
		if (q != null && q.strip().length() > 200) {
			throw new BadRequestException("q is at most 200 characters: a name, a phone number or words of a message");
		}
		int size = Limits.of(limit);
		Cursor after = Cursor.decode(cursor);
		if (after != null && after.at() == null) {
			throw new BadRequestException("Invalid cursor");
		}
		Instant now = clock.instant();
		List<ConversationView> items = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return conversations.list(handle, phoneNumberId, q, after == null ? null : after.at(),
					after == null ? null : after.id(), size + 1, now);
		});
		return page(items, size, last -> new Cursor(last.lastMessage().at(), ConversationKey.parse(last.id()).contactWaId()));
	}

	/** One conversation, by its id or the id of any identity of its person. */
	@GetMapping("/api/v1/conversations/{conversationId}")
	@RequiresScope(Scope.READ)
	ConversationView conversation(Principal caller, @PathVariable String conversationId) {
		ConversationKey key = conversationKey(conversationId);
		Instant now = clock.instant();
		return active.read(caller, handle -> {
			NumberAccess.check(handle, caller, key.phoneNumberId());
			return conversations.find(handle, key, now)
					.orElseThrow(() -> new NotFoundException("No conversation " + conversationId));
		});
	}

	@GetMapping("/api/v1/conversations/{conversationId}/messages")
	@RequiresScope(Scope.READ)
	Page<MessageView> messages(Principal caller, @PathVariable String conversationId, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor,
			@RequestParam(name = "include_raw", defaultValue = "false") boolean includeRaw) {
		ConversationKey key = conversationKey(conversationId);
		int size = Limits.of(limit);
		Cursor after = timeCursor(cursor);
		Instant now = clock.instant();
		List<MessageView> items = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, key.phoneNumberId());
			// any identity of the person finds its conversation; its messages are every identity's
			ConversationKey person = person(handle, key, now, false);
			return messages.list(handle, person.phoneNumberId(), person.contactWaId(), after == null ? null : after.at(),
					after == null ? null : after.id(), size + 1);
		});
		if (!includeRaw) {
			items = items.stream().map(ConversationsController::withoutRaw).toList();
		}
		return page(items, size, last -> new Cursor(last.sentAt(), last.id()));
	}

	/** One message of a number, by its id, its wamid, or the command id of the send that made it. */
	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/messages/{messageId}")
	@RequiresScope(Scope.READ)
	MessageView message(Principal caller, @PathVariable String phoneNumberId, @PathVariable String messageId,
			@RequestParam(name = "include_raw", defaultValue = "false") boolean includeRaw) {
		MessageView found = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return messages.find(handle, phoneNumberId, messageId)
					.orElseThrow(() -> new NotFoundException("No message " + messageId + " of " + phoneNumberId));
		});
		return includeRaw ? found : withoutRaw(found);
	}

	private static MessageView withoutRaw(MessageView m) {
		return new MessageView(m.id(), m.wamid(), m.commandId(), m.direction(), m.origin(), m.sender(), m.author(),
				m.sentAt(), m.type(), m.content(), m.media(), m.context(), m.status(), m.statuses(), m.failure(),
				m.reactions(), m.edit(), m.revokedAt(), m.pricing(), null);
	}

	/** The calls with the conversation's person (WhatsApp Business Calling), newest first. */
	@GetMapping("/api/v1/conversations/{conversationId}/calls")
	@RequiresScope(Scope.READ)
	Page<CallEventView> calls(Principal caller, @PathVariable String conversationId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		ConversationKey key = conversationKey(conversationId);
		int size = Limits.of(limit);
		Cursor after = timeCursor(cursor);
		Instant now = clock.instant();
		List<CallEventView> items = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, key.phoneNumberId());
			ConversationKey person = person(handle, key, now, true);
			return calls.list(handle, person.phoneNumberId(), person.contactWaId(), after == null ? null : after.at(),
					after == null ? null : after.id(), size + 1);
		});
		return page(items, size, last -> new Cursor(last.at(), last.callId() + "|" + last.event()));
	}

	private static ConversationKey conversationKey(String conversationId) {
		ConversationKey key = ConversationKey.parse(conversationId);
		if (key == null) {
			throw new BadRequestException("A conversation id is <phone_number_id>:<wa_id>");
		}
		return key;
	}

	/** A cursor of a list ordered by time. */
	private static Cursor timeCursor(String cursor) {
		Cursor after = Cursor.decode(cursor);
		if (after != null && after.at() == null) {
			throw new BadRequestException("Invalid cursor");
		}
		return after;
	}

	/**
	 * The person a conversation id names, by any of its identities: its conversation's; for a person without one
	 * (a user who called and never wrote), when {@code withoutConversation}, the identity's person.
	 */
	private ConversationKey person(Handle handle, ConversationKey key, Instant now, boolean withoutConversation) {
		return conversations.find(handle, key, now).map(found -> ConversationKey.parse(found.id()))
				.or(() -> !withoutConversation ? Optional.empty() : handle.createQuery("""
						SELECT person FROM identities WHERE phone_number_id = :pn AND identity = :id
						""").bind("pn", key.phoneNumberId()).bind("id", key.contactWaId()).mapTo(String.class).findOne()
						.map(person -> new ConversationKey(key.phoneNumberId(), person)))
				.orElseThrow(() -> new NotFoundException("No conversation " + key.id()));
	}

	static <T> Page<T> page(List<T> fetched, int size, java.util.function.Function<T, Cursor> cursorOf) {
		if (fetched.size() <= size) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, size);
		return new Page<>(List.copyOf(items), cursorOf.apply(items.get(size - 1)).encode());
	}
}

package io.wabaflow.sender.window;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.ContactProfile;
import io.wabaflow.metagraph.webhook.InboundMessage;
import io.wabaflow.metagraph.webhook.MessagesValue;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sender.send.Recipients;

/**
 * Which webhook changes open or extend a customer service window, and for whom. Only {@code messages}
 * changes carry user messages ({@code value.messages[]}); their statuses don't count, and neither do
 * {@code smb_message_echoes} (the business wrote from the Business app) nor {@code history} (messages from
 * before onboarding never opened a window), which come under other fields (facts file 4.3). The window
 * time is the message's own timestamp (Meta's), not when we processed it, so a late webhook can't open a
 * window that had already closed. System messages (a user changed number) are not the user writing.
 */
final class InboundMessages {

	private final ChangeValueParser parser = new ChangeValueParser();

	/** A user message to a business number: the window of (number, user) runs from {@code at}. */
	record Inbound(String phoneNumberId, String waId, Instant at, String messageId) {
	}

	/** The latest inbound message per (number, user) in these changes. */
	List<Inbound> latest(List<WebhookChange> changes) {
		Map<String, Inbound> latest = new LinkedHashMap<>();
		for (WebhookChange change : changes) {
			if (!WebhookFields.MESSAGES.equals(change.getField())) {
				continue;
			}
			MessagesValue value = parser.messages(change.getValueJson());
			String phoneNumberId = value.metadata().phoneNumberId() != null ? value.metadata().phoneNumberId()
					: change.getPhoneNumberId();
			if (phoneNumberId == null) {
				continue;
			}
			for (InboundMessage message : value.messages()) {
				if (message.timestamp() == null || "system".equals(message.type())) {
					continue;
				}
				// Meta keys users by wa_id, which may differ from the message's "from": both open the window
				for (String waId : waIds(message, value.contacts())) {
					Inbound inbound = new Inbound(phoneNumberId, waId, message.timestamp(), message.id());
					latest.merge(phoneNumberId + "|" + waId, inbound,
							(a, b) -> b.at().isAfter(a.at()) ? b : a);
				}
			}
		}
		return List.copyOf(latest.values());
	}

	/** One entry per (number, user), the newest, as the monotonic upsert needs. */
	static List<Inbound> newestPerKey(List<Inbound> all) {
		Map<String, Inbound> latest = new LinkedHashMap<>();
		all.forEach(inbound -> latest.merge(inbound.phoneNumberId() + "|" + inbound.waId(), inbound,
				(a, b) -> b.at().isAfter(a.at()) ? b : a));
		return List.copyOf(latest.values());
	}

	/**
	 * Every name the user wrote under: the message's {@code from} and {@code from_user_id}, and the single contact's
	 * {@code wa_id} and {@code user_id}, and a phone the user shared by tapping a request-contact-info button. Each opens
	 * the window, so that an answer to the phone or to the business-scoped user id (a username user's only name,
	 * facts §2.0) finds it.
	 */
	private static List<String> waIds(InboundMessage message, List<ContactProfile> contacts) {
		Set<String> names = new LinkedHashSet<>();
		names.add(Recipients.key(message.from()));
		names.add(Recipients.key(message.fromUserId()));
		if (contacts.size() == 1) {
			names.add(Recipients.key(contacts.get(0).waId()));
			names.add(Recipients.key(contacts.get(0).userId()));
		}
		// the user's own phone, shared by a request-contact-info tap: an answer may now go to it
		message.sharedOwnPhones().forEach(phone -> names.add(Recipients.key(phone)));
		names.remove(null);
		names.remove("");
		return List.copyOf(names);
	}
}

package io.wabaflow.sync.conversations;

import java.time.Instant;

/**
 * A conversation as the API lists it.
 *
 * @param windowOpen               whether a free-form message may be sent now (the window has not expired)
 * @param lastAgentMessageAt       the last message an agent sent through the API, null if none
 * @param lastBusinessAppMessageAt the last message sent from the WhatsApp Business app, null if none
 */
public record ConversationView(String id, String phoneNumberId, Contact contact, LastMessage lastMessage,
		Counts counts, int unreadCount, Instant lastInboundAt, Instant lastUserMessageAt, Instant windowExpiresAt,
		boolean windowOpen, Instant lastAgentMessageAt, Instant lastBusinessAppMessageAt) {

	/**
	 * Who the conversation is with: a person known by phone ({@code wa_id}), by business-scoped user id
	 * ({@code user_id}), or both.
	 *
	 * @param waId     the person's phone, null for a user known by BSUID only
	 * @param userId   the person's BSUID, null when no webhook carried one
	 * @param username the WhatsApp username, when the user has one
	 */
	public record Contact(String waId, String userId, String username, String profileName, String addressBookName) {
	}

	public record LastMessage(String id, Instant at, String direction, String type) {
	}

	/** Messages by direction and by sender; history = how many came from the history sync. */
	public record Counts(int total, int inbound, int outbound, int contact, int agent, int bot, int system,
			int businessApp, int history) {
	}
}

package io.wabaflow.sync.messages;

/**
 * A reaction to a message by its reactor (the contact's wa_id, or {@code business}); a null emoji
 * removes it. The latest by (time, reaction message id) wins.
 */
public record ReactionFact(String phoneNumberId, String targetWamid, String reactor, String emoji, long reactedAtMs,
		String reactionMessageId) {

	public static final String BUSINESS = "business";
}

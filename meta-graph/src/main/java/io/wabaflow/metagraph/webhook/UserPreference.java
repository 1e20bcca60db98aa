package io.wabaflow.metagraph.webhook;

import java.time.Instant;

/**
 * One {@code user_preferences[]} item: a user stopped or resumed a category of messages (today only
 * {@code marketing_messages}), or signed up through a link.
 *
 * @param waId   the user's phone, when Meta gives it
 * @param userId the user's business-scoped user id, when Meta gives it
 * @param value  {@code stop}, {@code resume} or {@code signup} (lower case)
 */
public record UserPreference(String waId, String userId, String category, String value, String detail, Instant at) {

	public static final String MARKETING = "marketing_messages";

	/** Whether this item says the user no longer wants messages of its category. */
	public boolean optsOut() {
		return "stop".equals(value);
	}
}

package io.wabaflow.metagraph.webhook;

import java.time.Instant;
import java.util.List;

/**
 * {@code statuses[]} of a {@code messages} change: what happened to a message the business sent.
 * Statuses arrive out of order and {@code read} may come without {@code delivered}: rank them, never
 * downgrade (facts file 5).
 *
 * @param messageId    the wamid of our message
 * @param status       {@code sent}, {@code delivered}, {@code read}, {@code played}, {@code failed}, or a value
 *                     we don't know yet (kept as is, lower case)
 * @param timestamp    when the webhook was triggered
 * @param conversation only on some statuses, null otherwise
 * @param pricing      only on some statuses, null otherwise
 * @param recipientType {@code group} for a message sent to a group chat, else {@code individual} or null
 * @param recipientId   the user's phone, null when the message was sent to a BSUID only
 * @param recipientUserId the user's BSUID ({@code recipient_user_id}), null when absent
 * @param errors       why a {@code failed} message failed
 */
public record MessageStatus(
		String messageId,
		String status,
		Instant timestamp,
		String recipientId,
		String recipientUserId,
		String recipientType,
		String bizOpaqueCallbackData,
		Conversation conversation,
		Pricing pricing,
		List<WebhookError> errors,
		String rawJson) {

	public boolean failed() {
		return "failed".equals(status);
	}

	/** @param expiration only on {@code sent} */
	public record Conversation(String id, Instant expiration, String originType) {
	}

	public record Pricing(Boolean billable, String pricingModel, String type, String category) {
	}
}

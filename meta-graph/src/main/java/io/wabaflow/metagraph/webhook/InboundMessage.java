package io.wabaflow.metagraph.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A WhatsApp message as it appears in webhooks: an inbound {@code messages[]} element, a history
 * message, or the new version inside an edit.
 *
 * @param id           the wamid
 * @param from         sender's number (a user; or the business for history messages it sent); null for a user
 *                     known only by a BSUID
 * @param fromUserId   sender's business-scoped user id ({@code from_user_id}), null when absent
 * @param to           recipient, only present on messages the business sent (history), else null
 * @param groupId      the group chat the message was sent in, null for a one-to-one chat
 * @param timestamp    when the message was sent (device time for history), null if absent
 * @param type         Meta's type name ({@code text}, {@code image}, ..., or one we don't know)
 * @param context      reply/forward context, null if none
 * @param referralJson Click-to-WhatsApp ad referral as Meta's JSON, null if none
 * @param errors       {@code messages[].errors[]} (type {@code unsupported})
 * @param contentJson  the object under the message's type (e.g. {@code text}, {@code image}) as received,
 *                     whatever the type, known or not; null if absent
 * @param contextJson  {@code context} as received, null if none
 * @param rawJson      the whole message object as received, for storage and for types we don't know
 * @param system       a {@code system} message's {@code system} object (a user changed number, or identity), else
 *                     null
 */
public record InboundMessage(
		String id,
		String from,
		String fromUserId,
		String to,
		String groupId,
		Instant timestamp,
		String type,
		MessageContent content,
		MessageContext context,
		String referralJson,
		List<WebhookError> errors,
		String contentJson,
		String contextJson,
		String rawJson,
		SystemNotice system,
		List<String> sharedOwnPhones) {

	/**
	 * {@code messages[].system}: {@code user_changed_number} names the user's new phone ({@code wa_id}) and, with
	 * BSUIDs, the new one ({@code user_id}); {@code customer_identity_changed} names neither.
	 */
	/**
	 * The user's own phone, shared by tapping a request-contact-info button (a {@code contacts} message whose
	 * {@code contacts[].origin} is {@code contact_request}: the wa_ids of its phones); empty for any other message,
	 * including a contact card the user forwarded ({@code origin: other}), which names someone else.
	 */
	public List<String> sharedOwnPhones() {
		return sharedOwnPhones == null ? List.of() : sharedOwnPhones;
	}

	public record SystemNotice(String type, String body, String waId, String userId) {
	}
}

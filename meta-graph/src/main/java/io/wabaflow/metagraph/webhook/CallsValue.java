package io.wabaflow.metagraph.webhook;

import java.time.Instant;
import java.util.List;

/**
 * The value of a {@code calls} change (WhatsApp Business Calling): call events ({@code connect}, {@code terminate})
 * and call statuses ({@code RINGING}, {@code ACCEPTED}, {@code REJECTED}), with the user's profile in
 * {@code contacts[]} (phone, BSUID or both).
 */
public record CallsValue(Metadata metadata, List<ContactProfile> contacts, List<Call> calls, List<Call> statuses,
		List<WebhookError> errors) {

	/**
	 * One event of a call.
	 *
	 * @param event     {@code connect}, {@code terminate}, or a status lowercased ({@code ringing}, ...)
	 * @param direction {@code USER_INITIATED} or {@code BUSINESS_INITIATED}, null on statuses
	 * @param from      who called (a phone), null on statuses
	 * @param to        who was called, or the status's {@code recipient_id}
	 * @param status    a terminated call's outcome ({@code COMPLETED}, {@code FAILED}, ...), null otherwise
	 * @param duration  seconds, on terminate
	 */
	public record Call(String id, String event, String direction, String from, String to, Instant timestamp,
			String status, Integer duration, String rawJson) {
	}
}

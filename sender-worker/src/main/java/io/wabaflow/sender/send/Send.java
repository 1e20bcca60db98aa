package io.wabaflow.sender.send;

import java.time.Instant;

/**
 * One row of {@code sends}: a command and what became of it.
 *
 * @param recipient     the command's {@code to}, as given (Meta gets it unchanged)
 * @param messageType   the command's {@code MessageType} name, e.g. {@code TEXT}
 * @param attempt       Graph calls started so far
 * @param lastInboundAt the recipient's last message to the number, when the row was read with its window
 */
public record Send(String commandId, String tenantId, String phoneNumberId, String recipient, String messageType,
		String contentJson, String replyTo, String sender, String bizOpaqueCallbackData, Instant issuedAt,
		int partition, SendState state, int attempt, Instant nextAttemptAt, String owner, Instant intendedAt,
		String wamid, String waId, Integer errorCode, String errorTitle, String errorDetails, String reason,
		String publishedState, Instant receivedAt, Instant updatedAt, Instant lastInboundAt) {

	/** With Meta's id in place of a stored object (its upload done): no longer waiting for it. */
	Send withContent(String json) {
		return new Send(commandId, tenantId, phoneNumberId, recipient, messageType, json, replyTo, sender,
				bizOpaqueCallbackData, issuedAt, partition, state, attempt, nextAttemptAt, owner, intendedAt, wamid, waId,
				errorCode, errorTitle, null, null, publishedState, receivedAt, updatedAt, lastInboundAt);
	}

	Send withNextAttemptAt(Instant at) {
		return new Send(commandId, tenantId, phoneNumberId, recipient, messageType, contentJson, replyTo, sender,
				bizOpaqueCallbackData, issuedAt, partition, state, attempt, at, owner, intendedAt, wamid, waId, errorCode,
				errorTitle, errorDetails, reason, publishedState, receivedAt, updatedAt, lastInboundAt);
	}

	Send withLastInboundAt(Instant at) {
		return new Send(commandId, tenantId, phoneNumberId, recipient, messageType, contentJson, replyTo, sender,
				bizOpaqueCallbackData, issuedAt, partition, state, attempt, nextAttemptAt, owner, intendedAt, wamid,
				waId, errorCode, errorTitle, errorDetails, reason, publishedState, receivedAt, updatedAt, at);
	}

	/** The recipient as the window table keys it: a phone's digits, or a BSUID whole ({@link Recipients}). */
	String recipientKey() {
		return Recipients.key(recipient);
	}
}

package io.wabaflow.metagraph.webhook;

import java.util.List;

/**
 * The value of a {@code messages} change. Any list may hold several elements (Meta batches) or none.
 *
 * @param errors system or app errors ({@code value.errors[]})
 */
public record MessagesValue(
		Metadata metadata,
		List<ContactProfile> contacts,
		List<InboundMessage> messages,
		List<MessageStatus> statuses,
		List<WebhookError> errors) {
}

package io.wabaflow.metagraph.webhook;

import java.util.List;

/**
 * The type-specific part of a WhatsApp message ({@code <type>{...}}). Types this parser does not know
 * become {@link Unknown} with the raw JSON kept, so nothing is lost when Meta adds a type.
 */
public sealed interface MessageContent {

	record Text(String body) implements MessageContent {
	}

	/**
	 * image, video, audio, document or sticker.
	 *
	 * @param kind  the message type: {@code image}, {@code video}, {@code audio}, {@code document}, {@code sticker}
	 * @param url   a download URL, only in newer payloads
	 * @param voice audio recorded as a voice note; null when not told
	 */
	record Media(String kind, String mediaId, String mimeType, String sha256, String caption, String filename,
			String url, Boolean voice) implements MessageContent {
	}

	record Location(Double latitude, Double longitude, String name, String address, String url)
			implements MessageContent {
	}

	/** A tap on a reply button or list row of an interactive message we sent. */
	record InteractiveReply(String replyType, String id, String title, String description) implements MessageContent {
	}

	/** A tap on a template's quick-reply button. */
	record Button(String payload, String text) implements MessageContent {
	}

	/** @param emoji null when the user removed their reaction */
	record Reaction(String messageId, String emoji) implements MessageContent {

		public boolean removed() {
			return emoji == null || emoji.isEmpty();
		}
	}

	/** The user edited an earlier message; {@code message} is the new version (its raw JSON is kept there). */
	record Edit(String originalMessageId, InboundMessage message) implements MessageContent {
	}

	/** The user deleted an earlier message. */
	record Revoke(String originalMessageId) implements MessageContent {
	}

	/** Contact cards, kept as Meta's JSON array. */
	record Contacts(String contactsJson) implements MessageContent {
	}

	/** A history media message whose content follows in a later webhook with the same wamid. */
	record MediaPlaceholder() implements MessageContent {
	}

	/** A message WhatsApp could not deliver to the API; the reason is in the message's errors. */
	record Unsupported(List<WebhookError> errors) implements MessageContent {
	}

	/** A type this parser does not know. {@code contentJson} is the {@code <type>} member, null if absent. */
	record Unknown(String type, String contentJson) implements MessageContent {
	}
}

package io.wabaflow.sender.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.HistoryChunk;
import io.wabaflow.metagraph.webhook.HistoryValue;
import io.wabaflow.metagraph.webhook.InboundMessage;
import io.wabaflow.metagraph.webhook.MessageContent;
import io.wabaflow.metagraph.webhook.MessageEcho;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * The media items of webhook changes: user messages ({@code messages}), the business app's own messages
 * ({@code smb_message_echoes}) and history, whose media arrives in a {@code history} change of its own after the
 * thread named it as a placeholder. Each (number, media id) once, however many times the changes name it.
 */
final class MediaReferences {

	private final ChangeValueParser parser = new ChangeValueParser();

	List<MediaReference> of(List<WebhookChange> changes) {
		Map<String, MediaReference> found = new LinkedHashMap<>();
		for (WebhookChange change : changes) {
			String phone = change.getPhoneNumberId();
			if (phone == null) {
				continue;
			}
			for (MediaReference reference : of(change, phone)) {
				found.putIfAbsent(phone + "/" + reference.mediaId(), reference);
			}
		}
		return List.copyOf(found.values());
	}

	private List<MediaReference> of(WebhookChange change, String phone) {
		List<MediaReference> found = new ArrayList<>();
		switch (change.getField()) {
			case WebhookFields.MESSAGES -> parser.messages(change.getValueJson()).messages()
					.forEach(message -> add(found, phone, message.content(), message.id()));
			case WebhookFields.SMB_MESSAGE_ECHOES -> {
				for (MessageEcho echo : parser.messageEchoes(change.getValueJson()).echoes()) {
					add(found, phone, echo.content(), echo.id());
				}
			}
			case WebhookFields.HISTORY -> {
				HistoryValue history = parser.history(change.getValueJson());
				for (HistoryChunk chunk : history.chunks()) {
					for (HistoryChunk.HistoryThread thread : chunk.threads()) {
						thread.messages().forEach(item -> add(found, phone, item.message().content(), item.message().id()));
					}
				}
				for (InboundMessage message : history.mediaMessages()) {
					add(found, phone, message.content(), message.id());
				}
			}
			default -> {
				// no media in other fields
			}
		}
		return found;
	}

	private static void add(List<MediaReference> found, String phone, MessageContent content, String wamid) {
		if (content instanceof MessageContent.Media media && media.mediaId() != null && !media.mediaId().isBlank()) {
			found.add(new MediaReference(phone, media.mediaId(), media.kind(), media.mimeType(), media.sha256(), wamid));
		}
	}
}

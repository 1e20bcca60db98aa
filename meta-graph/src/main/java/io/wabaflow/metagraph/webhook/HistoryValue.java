package io.wabaflow.metagraph.webhook;

import java.util.List;

/**
 * The value of a {@code history} change: chunks of threads, or (in a separate webhook) the media content
 * of messages that appeared as {@code media_placeholder}, under the same wamid.
 *
 * @param mediaMessages {@code value.messages[]}: media for earlier placeholders
 * @param errors        {@code value.errors[]}: an error about the whole history (a decline may come here
 *                      rather than inside a chunk; UNCONFIRMED, so both are read)
 */
public record HistoryValue(Metadata metadata, List<HistoryChunk> chunks, List<InboundMessage> mediaMessages,
		List<WebhookError> errors) {

	public boolean declined() {
		return chunks.stream().anyMatch(HistoryChunk::declined);
	}
}

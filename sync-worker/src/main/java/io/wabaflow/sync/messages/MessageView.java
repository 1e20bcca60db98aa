package io.wabaflow.sync.messages;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.wabaflow.sync.statuses.StatusTransition;

/**
 * A message as the API shows it: what it said (JSON as Meta or the sender gave it), where it stands
 * (status derived from its transitions), and what happened to it since (reactions, edit, revoke).
 *
 * @param id     the wamid, or {@code cmd:<command id>} for an outbound message of the sender
 * @param status current status: from status webhooks, else the history's status, else the sender's
 *               verdict (accepted, sent, failed, rejected); null for inbound messages
 * @param author who wrote a group message (the member's phone or BSUID, or {@code business}), null otherwise
 * @param pricing Meta's latest {@code pricing} of the message (from its status webhooks), null when none came
 * @param raw    the message object exactly as received, unknown fields included (webhook messages only)
 */
public record MessageView(String id, String wamid, String commandId, String direction, String origin, String sender,
		String author,
		Instant sentAt, String type, @JsonRawValue String content, Media media, @JsonRawValue String context,
		String status,
		List<StatusTransition> statuses, Failure failure, List<Reaction> reactions, Edit edit, Instant revokedAt,
		@JsonRawValue String pricing, @JsonRawValue String raw) {

	public record Failure(Integer code, String title, String details, Instant at) {
	}

	/**
	 * The media of an image, audio, video, document or sticker: {@code pending} until the sender downloaded it into
	 * the media store ({@code stored}: its bytes at {@code url}) or gave up ({@code failed}, with the reason).
	 */
	public record Media(String id, String state, String mimeType, Long size, String sha256, String reason,
			String detail, String url) {
	}

	public record Reaction(String reactor, String emoji, Instant at) {
	}

	public record Edit(String type, @JsonRawValue String content, Instant at) {
	}
}

package io.wabaflow.ingress.command;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * One outbound message. {@code content} is the type's object in Meta's shape, e.g.
 * {@code {"body": "hi", "preview_url": false}} for {@code text} (an array of cards for {@code contacts}).
 *
 * @param to      the recipient's wa_id or E.164 number, or their business-scoped user id (a user known by BSUID
 *                only, such as a username user; sent to Meta as {@code recipient})
 * @param type    text, image, document, audio, video, sticker, location, contacts, interactive, reaction, template
 * @param replyTo the wamid this message replies to
 * @param sender  AGENT (default), BOT or SYSTEM
 */
record SendMessageRequest(
		@NotBlank @Size(max = 64) String phoneNumberId,
		@NotBlank @Pattern(regexp = "\\+?[0-9]{5,20}|[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}",
				message = "must be the user's wa_id or E.164 number, or their business-scoped user id (user_id, e.g. "
						+ "US.13491208655302741918)") String to,
		@NotBlank String type,
		@NotNull JsonNode content,
		@Size(max = 256) String replyTo,
		@Size(max = 512) String bizOpaqueCallbackData,
		@Pattern(regexp = "AGENT|BOT|SYSTEM", message = "must be AGENT, BOT or SYSTEM") String sender,
		@Size(max = 128) String tenantId) {
}

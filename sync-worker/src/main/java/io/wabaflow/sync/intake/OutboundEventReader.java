package io.wabaflow.sync.intake;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.sync.identity.UserIds;
import io.wabaflow.sync.messages.OutboundFact;
import io.wabaflow.sync.messages.ReactionFact;
import io.wabaflow.sync.messages.ReadMarkFact;

/**
 * Reads the sender's {@code MessageEvent}s: outbound messages keyed by command id. A performed MARK_READ
 * is not a message but a read mark; a sent reaction is also a reaction on its target.
 */
final class OutboundEventReader {

	private final JsonMapper json = JsonMapper.builder().build();

	void read(MessageEvent event, ProjectionBatch batch) {
		String type = event.getMessageType() == null ? "unknown" : event.getMessageType().toLowerCase();
		String state = event.getStatus().name();
		long occurredAt = event.getOccurredAt().toEpochMilli();
		JsonNode content = parse(event.getContentJson());
		boolean sent = "SENT".equals(state);
		if ("mark_read".equals(type)) {
			String target = content == null ? null : text(content, "message_id");
			if (sent && target != null) {
				batch.readMarks.add(new ReadMarkFact(event.getPhoneNumberId(), target, occurredAt));
			}
			return;
		}
		if ("reaction".equals(type) && sent && content != null && text(content, "message_id") != null) {
			String emoji = text(content, "emoji");
			batch.reactions.add(new ReactionFact(event.getPhoneNumberId(), text(content, "message_id"),
					ReactionFact.BUSINESS, emoji == null || emoji.isEmpty() ? null : emoji, occurredAt,
					"cmd:" + event.getCommandId()));
		}
		String context = event.getReplyTo() == null ? null
				: json.writeValueAsString(JsonNodeFactory.instance.objectNode().put("message_id", event.getReplyTo()));
		String sender = event.getSender() == null ? "agent" : event.getSender().toLowerCase();
		batch.outbound(new OutboundFact(event.getPhoneNumberId(), event.getCommandId(), event.getWamid(),
				UserIds.either(event.getTo()), sender, type, event.getContentJson(), context, occurredAt, state,
				OutboundFact.rank(state), event.getEventId(), event.getErrorCode(), event.getErrorTitle(),
				event.getErrorDetails(), event.getReason()));
	}

	private JsonNode parse(String contentJson) {
		if (contentJson == null) {
			return null;
		}
		try {
			JsonNode node = json.readTree(contentJson);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException notJson) {
			return null; // kept as it came in content_json; only its effects (read mark, reaction) are lost
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
	}
}

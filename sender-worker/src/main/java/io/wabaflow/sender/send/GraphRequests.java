package io.wabaflow.sender.send;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /<phone_number_id>/messages} for a send (facts file 4.1): the content goes
 * under the type's name as the command carried it, a reply becomes {@code context.message_id}, and
 * mark-as-read is the {@code status: read} body. A phone goes in {@code to}, a business-scoped user id in
 * {@code recipient}.
 */
final class GraphRequests {

	private final JsonMapper json;

	GraphRequests(JsonMapper json) {
		this.json = json;
	}

	ObjectNode body(Send send) {
		JsonNode content = json.readTree(send.contentJson());
		ObjectNode body = json.createObjectNode();
		body.put("messaging_product", "whatsapp");
		if ("MARK_READ".equals(send.messageType())) {
			body.put("status", "read");
			body.set("message_id", content.get("message_id"));
			if (content.has("typing_indicator")) {
				body.set("typing_indicator", content.get("typing_indicator"));
			}
			return body;
		}
		String type = send.messageType().toLowerCase(Locale.ROOT);
		body.put("recipient_type", "individual");
		// a user known by business-scoped user id only is named by "recipient" (from July 2026, facts §2.0)
		if (Recipients.isBsuid(send.recipient())) {
			body.put("recipient", Recipients.key(send.recipient()));
		}
		else {
			body.put("to", send.recipient());
		}
		body.put("type", type);
		body.set(type, content);
		if (send.replyTo() != null) {
			body.putObject("context").put("message_id", send.replyTo());
		}
		if (send.bizOpaqueCallbackData() != null) {
			body.put("biz_opaque_callback_data", send.bizOpaqueCallbackData());
		}
		return body;
	}
}

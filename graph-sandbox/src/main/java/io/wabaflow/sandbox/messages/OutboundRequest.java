package io.wabaflow.sandbox.messages;

import tools.jackson.databind.node.ObjectNode;

/** A validated {@code /messages} send. Template fields are null for other types. */
record OutboundRequest(String to, String type, String contextMessageId, String bizOpaqueCallbackData,
		String templateName, String templateLanguage, int templateBodyParameters, ObjectNode body) {

	boolean isTemplate() {
		return "template".equals(type);
	}

	boolean isReaction() {
		return "reaction".equals(type);
	}
}

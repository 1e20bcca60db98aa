package io.wabaflow.sandbox.graph;

import io.wabaflow.sandbox.world.NodeKind;

/** Graph's names for node types, as they appear in its error messages. */
public final class NodeTypes {

	private NodeTypes() {
	}

	public static String name(NodeKind kind) {
		return switch (kind) {
			case BUSINESS -> "Business";
			case WABA -> "WhatsAppBusinessAccount";
			case PHONE_NUMBER -> "WhatsAppBusinessPhoneNumber";
			case PAGE -> "Page";
			case NONE -> "Node";
		};
	}
}

package io.wabaflow.metagraph.message;

import java.util.Locale;
import java.util.Optional;

/** The message types the Cloud API sends, by Meta's name ({@code "type"} of {@code POST /<id>/messages}). */
public enum OutboundMessageType {
	TEXT, IMAGE, DOCUMENT, AUDIO, VIDEO, STICKER, LOCATION, CONTACTS, INTERACTIVE, REACTION, TEMPLATE,
	/** Not a message: marks an inbound message read ({@code {"message_id": "wamid..."}}). */
	MARK_READ;

	/** Meta's lower-case name, e.g. {@code interactive}. */
	public String metaName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The type named {@code text}, {@code image}, ... (case-insensitive). */
	public static Optional<OutboundMessageType> of(String name) {
		if (name == null) {
			return Optional.empty();
		}
		for (OutboundMessageType type : values()) {
			if (type.name().equalsIgnoreCase(name.strip())) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}

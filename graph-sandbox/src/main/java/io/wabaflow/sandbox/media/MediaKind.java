package io.wabaflow.sandbox.media;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Meta accepts for upload [§4.1 media], by kind: the MIME types and the largest file. Sizes are binary
 * (1 MB = 1,048,576 bytes), the reading that accepts the most: a client that keeps under these keeps under Meta's.
 * meta-graph's {@code MediaLimits} states the same facts for our services; the sandbox keeps its own copy on
 * purpose (it never depends on meta-graph, so it can catch the client's wrong assumptions).
 */
public enum MediaKind {

	AUDIO(16L << 20, "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
	DOCUMENT(100L << 20, "text/plain", "application/pdf", "application/msword",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation"),
	IMAGE(5L << 20, "image/jpeg", "image/png"),
	STICKER(500L << 10, "image/webp"),
	VIDEO(16L << 20, "video/mp4", "video/3gpp");

	private final long maxBytes;
	private final List<String> mimeTypes;

	MediaKind(long maxBytes, String... mimeTypes) {
		this.maxBytes = maxBytes;
		this.mimeTypes = List.of(mimeTypes);
	}

	public long maxBytes() {
		return maxBytes;
	}

	public List<String> mimeTypes() {
		return mimeTypes;
	}

	/** Meta's lower-case name, which is also the message type that sends it. */
	public String metaName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The kind of a MIME type, parameters ignored ({@code audio/ogg; codecs=opus} is audio). */
	public static Optional<MediaKind> ofMimeType(String mimeType) {
		String base = baseType(mimeType);
		return Arrays.stream(values()).filter(kind -> kind.mimeTypes.contains(base)).findFirst();
	}

	/** {@code audio/ogg; codecs=opus} → {@code audio/ogg}. */
	static String baseType(String mimeType) {
		if (mimeType == null) {
			return "";
		}
		int semicolon = mimeType.indexOf(';');
		return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
	}

	/** Every supported type, for error messages. */
	static List<String> allMimeTypes() {
		return Arrays.stream(values()).flatMap(kind -> kind.mimeTypes.stream()).toList();
	}
}

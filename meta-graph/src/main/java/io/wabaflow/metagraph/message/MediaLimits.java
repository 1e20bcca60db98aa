package io.wabaflow.metagraph.message;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Cloud API takes for upload ({@code POST /<phone_number_id>/media}), by kind: the MIME types and the
 * largest file. A service checks a file here before it calls Meta, so its caller hears "image/gif is not a
 * supported image type" at once rather than as Graph's error 100. Sizes are binary (1 MB = 1,048,576 bytes), the
 * reading that accepts the most; graph-sandbox enforces the same numbers.
 */
public enum MediaLimits {

	AUDIO(16L << 20, "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
	DOCUMENT(100L << 20, "text/plain", "application/pdf", "application/msword",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation"),
	IMAGE(5L << 20, "image/jpeg", "image/png"),
	STICKER(500L << 10, "image/webp"),
	VIDEO(16L << 20, "video/mp4", "video/3gpp");

	private static final long KB = 1L << 10;

	private static final long MB = 1L << 20;

	private final long maxBytes;

	private final List<String> mimeTypes;

	MediaLimits(long maxBytes, String... mimeTypes) {
		this.maxBytes = maxBytes;
		this.mimeTypes = List.of(mimeTypes);
	}

	public long maxBytes() {
		return maxBytes;
	}

	public List<String> mimeTypes() {
		return mimeTypes;
	}

	/** Meta's name of the kind, which is also the message type that sends it: {@code image}, {@code sticker}... */
	public String metaName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The largest file of the kind named ({@code image}, {@code audio}...), else of the MIME type's kind, else the
	 * largest Meta takes at all (a document's 100 MB).
	 */
	public static long maxBytes(String kind, String mimeType) {
		return of(kind).or(() -> ofMimeType(mimeType)).orElse(DOCUMENT).maxBytes();
	}

	/** The kind named {@code image}, {@code audio}... (case-insensitive). */
	public static Optional<MediaLimits> of(String kind) {
		return Arrays.stream(values()).filter(limits -> limits.name().equalsIgnoreCase(kind == null ? "" : kind.strip()))
				.findFirst();
	}

	/** The kind a MIME type uploads as, parameters ignored ({@code audio/ogg; codecs=opus} is audio). */
	public static Optional<MediaLimits> ofMimeType(String mimeType) {
		String base = baseType(mimeType);
		return Arrays.stream(values()).filter(limits -> limits.mimeTypes.contains(base)).findFirst();
	}

	/**
	 * Why a file of this MIME type and size cannot be uploaded as this kind, e.g. "image/gif is not a supported
	 * image type: use image/jpeg or image/png" or "image of 6.2 MB exceeds WhatsApp's 5 MB limit for images";
	 * empty when it can.
	 */
	public Optional<String> violation(String mimeType, long sizeBytes) {
		if (!mimeTypes.contains(baseType(mimeType))) {
			return Optional.of(mimeType + " is not a supported " + metaName() + " type: use " + alternatives());
		}
		return sizeViolation(sizeBytes);
	}

	/** As {@link #violation(String, long)}, for the kind the MIME type belongs to; any other type is refused. */
	public static Optional<String> violationOf(String mimeType, long sizeBytes) {
		return ofMimeType(mimeType).map(limits -> limits.sizeViolation(sizeBytes))
				.orElseGet(() -> Optional.of((mimeType == null || mimeType.isBlank() ? "a file without a type"
						: mimeType) + " is not a type WhatsApp takes: use audio, a document, an image, a sticker or"
						+ " a video of the types Meta lists"));
	}

	private Optional<String> sizeViolation(long sizeBytes) {
		if (sizeBytes <= 0) {
			return Optional.of("the " + metaName() + " file is empty");
		}
		if (sizeBytes > maxBytes) {
			return Optional.of(metaName() + " of " + size(sizeBytes) + " exceeds WhatsApp's " + size(maxBytes)
					+ " limit for " + metaName() + "s");
		}
		return Optional.empty();
	}

	private String alternatives() {
		if (mimeTypes.size() == 1) {
			return mimeTypes.get(0);
		}
		return String.join(", ", mimeTypes.subList(0, mimeTypes.size() - 1)) + " or "
				+ mimeTypes.get(mimeTypes.size() - 1);
	}

	/** 5 MB, 6.2 MB, 500 KB, 612.5 KB: whole numbers without a decimal. */
	static String size(long bytes) {
		double value = bytes >= MB ? (double) bytes / MB : (double) bytes / KB;
		String unit = bytes >= MB ? " MB" : " KB";
		double rounded = Math.round(value * 10) / 10.0;
		return (rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded)) + unit;
	}

	/** {@code Audio/OGG; codecs=opus} → {@code audio/ogg}. */
	static String baseType(String mimeType) {
		if (mimeType == null) {
			return "";
		}
		int semicolon = mimeType.indexOf(';');
		return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
	}
}

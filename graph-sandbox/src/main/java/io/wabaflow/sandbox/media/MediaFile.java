package io.wabaflow.sandbox.media;

import java.time.Instant;
import java.util.Optional;

/**
 * One file Meta holds: uploaded by a business ({@code POST /{phone}/media}) or received from a user. It belongs to
 * the business that owns the number's WABA. The bytes are kept as they are and the digest computed once, so a
 * download is a plain copy (the benchmarks read the sandbox's own download rate).
 *
 * @param sha256   base64 of the SHA-256 digest of the bytes, as Meta gives it
 * @param filename the uploaded file's name; null when none was given
 */
public record MediaFile(String id, String phoneNumberId, String businessId, String mimeType, String filename,
		byte[] bytes, String sha256, Instant createdAt, long seq) {

	public long size() {
		return bytes.length;
	}

	/** What it may be sent as; empty for a type no message type takes. */
	public Optional<MediaKind> kind() {
		return MediaKind.ofMimeType(mimeType);
	}
}

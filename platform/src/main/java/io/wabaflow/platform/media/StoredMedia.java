package io.wabaflow.platform.media;

import java.util.Base64;
import java.util.HexFormat;

/** A stored object: the SHA-256 of its bytes (lowercase hex) and their number. */
public record StoredMedia(String sha256, long size) {

	/**
	 * Whether a digest as Meta sends it names these bytes. Meta's webhooks carry the SHA-256 in base64 mostly and in
	 * hex sometimes (both appear in its 2026 examples), so both are accepted.
	 */
	public boolean matches(String metaSha256) {
		if (metaSha256 == null || metaSha256.isBlank()) {
			return false;
		}
		String given = metaSha256.trim();
		if (given.equalsIgnoreCase(sha256)) {
			return true;
		}
		try {
			return HexFormat.of().formatHex(Base64.getDecoder().decode(given)).equals(sha256);
		}
		catch (IllegalArgumentException notBase64) {
			return false;
		}
	}
}

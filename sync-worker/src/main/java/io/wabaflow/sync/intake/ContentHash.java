package io.wabaflow.sync.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash of some content, the tie-break of registers: derived from what was said, not from the
 * envelope it came in, so a message Meta redelivers in a differently batched webhook converges to the
 * same row.
 */
final class ContentHash {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	});

	private ContentHash() {
	}

	static String of(String content) {
		MessageDigest digest = SHA_256.get();
		byte[] hash = digest.digest(content.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hash, 0, 16);
	}
}

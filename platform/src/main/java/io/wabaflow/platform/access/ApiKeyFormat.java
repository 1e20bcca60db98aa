package io.wabaflow.platform.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The shape of an API key: {@code wbf_<key id>_<secret>}, a 12-hex-digit public id and 32 random bytes
 * (base64url). The id finds the key's record; the SHA-256 of the whole key is what is stored and compared.
 * A key of any other shape (the development keys, keys seeded from configuration) gets its id from its own
 * hash, so it is found the same way.
 */
public final class ApiKeyFormat {

	static final String PREFIX = "wbf_";

	private static final int ID_LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeyFormat() {
	}

	/** A new random key. */
	public static String generate() {
		byte[] id = new byte[ID_LENGTH / 2];
		byte[] secret = new byte[32];
		RANDOM.nextBytes(id);
		RANDOM.nextBytes(secret);
		return PREFIX + HexFormat.of().formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The public id of a presented key. */
	public static String keyId(String key) {
		if (key.startsWith(PREFIX) && key.length() > PREFIX.length() + ID_LENGTH + 1
				&& key.charAt(PREFIX.length() + ID_LENGTH) == '_') {
			return key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
		}
		return HexFormat.of().formatHex(sha256(key)).substring(0, ID_LENGTH);
	}

	public static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
	}

	static boolean matches(String presented, ByteBuffer storedSha256) {
		ByteBuffer stored = storedSha256.duplicate();
		byte[] expected = new byte[stored.remaining()];
		stored.get(expected);
		return MessageDigest.isEqual(sha256(presented), expected);
	}
}

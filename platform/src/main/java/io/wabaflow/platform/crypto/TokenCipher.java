package io.wabaflow.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access tokens for storage and for topics with AES-256-GCM.
 *
 * <p>Layout: {@code 0x01 | key id (8 bytes) | nonce (12 bytes) | ciphertext + tag (16 bytes)}. The key id
 * (the first 8 bytes of the key's SHA-256) lets old ciphertexts be read after the key is rotated: the
 * active key encrypts, the previous keys only decrypt. The caller binds a ciphertext to what it belongs
 * to (e.g. the phone number id) as associated data, so a token copied onto another number does not
 * decrypt. Thread-safe. Plaintexts never appear in exception messages or {@link #toString()}.
 */
public final class TokenCipher {

	private static final byte VERSION = 1;

	private static final int KEY_ID_LENGTH = 8;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey activeKey;

	private final byte[] activeKeyId;

	private final Map<String, SecretKey> keysById = new LinkedHashMap<>();

	/**
	 * @param activeKey    base64 of 32 random bytes; encrypts and decrypts
	 * @param previousKeys base64 keys that only decrypt (rotation)
	 */
	public TokenCipher(String activeKey, List<String> previousKeys) {
		this.activeKey = parseKey(activeKey, "active key");
		this.activeKeyId = keyId(this.activeKey);
		keysById.put(HexFormat.of().formatHex(activeKeyId), this.activeKey);
		for (String previous : previousKeys) {
			SecretKey key = parseKey(previous, "previous key");
			keysById.putIfAbsent(HexFormat.of().formatHex(keyId(key)), key);
		}
	}

	public byte[] encrypt(String plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, activeKey, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + KEY_ID_LENGTH + NONCE_LENGTH + sealed.length)
					.put(VERSION).put(activeKeyId).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM encryption failed", e);
		}
	}

	public String decrypt(byte[] ciphertext, String associatedData) {
		if (ciphertext.length < 1 + KEY_ID_LENGTH + NONCE_LENGTH + TAG_BITS / 8 || ciphertext[0] != VERSION) {
			throw new TokenDecryptionException("not a token ciphertext of version " + VERSION);
		}
		ByteBuffer buffer = ByteBuffer.wrap(ciphertext);
		buffer.get();
		byte[] keyId = new byte[KEY_ID_LENGTH];
		buffer.get(keyId);
		byte[] nonce = new byte[NONCE_LENGTH];
		buffer.get(nonce);
		byte[] sealed = new byte[buffer.remaining()];
		buffer.get(sealed);
		String keyIdHex = HexFormat.of().formatHex(keyId);
		SecretKey key = keysById.get(keyIdHex);
		if (key == null) {
			throw new TokenDecryptionException("encrypted with key " + keyIdHex
					+ ", which is neither the active key nor one of the previous keys");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new TokenDecryptionException("authentication failed: tampered ciphertext or wrong associated data");
		}
	}

	/** A fresh random key, base64, for {@code WABAFLOW_TOKEN_KEY}. */
	public static String generateKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	@Override
	public String toString() {
		return "TokenCipher[activeKeyId=" + HexFormat.of().formatHex(activeKeyId) + ", keys=" + keysById.size() + "]";
	}

	private static SecretKey parseKey(String base64, String what) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("The token encryption " + what + " is not valid base64");
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException("The token encryption " + what + " must be 32 bytes (AES-256), base64 encoded; it has "
					+ bytes.length + " bytes. Generate one with: openssl rand -base64 32");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	private static byte[] keyId(SecretKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			byte[] id = new byte[KEY_ID_LENGTH];
			System.arraycopy(digest, 0, id, 0, KEY_ID_LENGTH);
			return id;
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A ciphertext that cannot be decrypted; the message never contains key material or plaintext. */
	public static final class TokenDecryptionException extends RuntimeException {

		TokenDecryptionException(String message) {
			super("Cannot decrypt access token: " + message);
		}
	}
}

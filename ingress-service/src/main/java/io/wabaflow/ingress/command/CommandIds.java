package io.wabaflow.ingress.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Command ids. With an {@code Idempotency-Key} the id is <em>derived</em> from the key and the caller's
 * tenant (two tenants' equal keys never collide), so every instance, before and after a restart, turns the same key into the same command id
 * without any shared state; the consuming worker then executes a command id once. Without a key the
 * id is random.
 */
final class CommandIds {

	private CommandIds() {
	}

	/**
	 * A name-based UUID (RFC 9562 version 8) over SHA-256 of the tenant scope and the key: the same tenant's
	 * same key always gives the same id, another tenant's same key another id.
	 */
	static String fromIdempotencyKey(String tenantScope, String idempotencyKey) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
		sha256.update("wabaflow-command-id\n".getBytes(StandardCharsets.UTF_8));
		// length-prefixed, so that no caller/key pair can shift into another's boundary
		byte[] caller = tenantScope.getBytes(StandardCharsets.UTF_8);
		sha256.update(ByteBuffer.allocate(4).putInt(caller.length).array());
		sha256.update(caller);
		byte[] hash = sha256.digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
		ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(bytes.getLong(), bytes.getLong()).toString();
	}

	static String random() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Whether a header value can be an idempotency key: 1 to 255 visible ASCII characters (the IETF
	 * draft's keys are UUIDs or similar random strings).
	 */
	static boolean validIdempotencyKey(String key) {
		if (key.isEmpty() || key.length() > 255) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}
}

package io.wabaflow.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Comparisons of secrets that take the same time whatever the input: both sides are hashed first, so
 * not even the length of the secret leaks through {@link MessageDigest#isEqual}.
 */
public final class ConstantTime {

	private ConstantTime() {
	}

	public static boolean equals(String presented, String expected) {
		if (presented == null || expected == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(presented), sha256(expected));
	}

	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
	}
}

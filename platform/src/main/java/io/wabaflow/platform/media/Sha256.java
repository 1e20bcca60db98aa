package io.wabaflow.platform.media;

import java.util.regex.Pattern;

/** An object's address is 64 lowercase hex digits, nothing else: it becomes part of a path or an object key. */
final class Sha256 {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

	private Sha256() {
	}

	static String require(String sha256) {
		if (sha256 == null || !HEX.matcher(sha256).matches()) {
			throw new IllegalArgumentException("Not a SHA-256 in lowercase hex: " + sha256);
		}
		return sha256;
	}
}

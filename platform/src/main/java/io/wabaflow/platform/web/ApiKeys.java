package io.wabaflow.platform.web;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of a service's HTTP API, held only as SHA-256 digests. A presented key is compared with
 * every configured one in constant time.
 */
public final class ApiKeys {

	private final List<byte[]> digests;

	public ApiKeys(List<String> keys) {
		this.digests = keys.stream().map(ConstantTime::sha256).toList();
	}

	/** The caller behind a presented key, or empty when no configured key matches. */
	public Optional<ApiCaller> authenticate(String presentedKey) {
		if (presentedKey == null || presentedKey.isEmpty()) {
			return Optional.empty();
		}
		byte[] presented = ConstantTime.sha256(presentedKey);
		byte[] match = null;
		for (byte[] digest : digests) {
			// no early exit: every configured key costs the same comparison
			if (MessageDigest.isEqual(presented, digest)) {
				match = digest;
			}
		}
		return match == null ? Optional.empty() : Optional.of(new ApiCaller(HexFormat.of().formatHex(match)));
	}

	/**
	 * An authenticated caller of the command API.
	 *
	 * @param keyDigest SHA-256 (hex) of the caller's key: identifies the caller (scopes its idempotency
	 *                  keys) without revealing the key
	 */
	public record ApiCaller(String keyDigest) {

		/** A short, loggable name of the key. */
		public String keyName() {
			return "key-" + keyDigest.substring(0, 8);
		}
	}
}

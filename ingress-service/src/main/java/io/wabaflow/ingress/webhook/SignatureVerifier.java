package io.wabaflow.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}: the HMAC-SHA256 of the raw request bytes keyed with a
 * Meta app secret. Always over the bytes exactly as received: Meta signs the escaped-unicode body, so any
 * re-serialised JSON would fail on accents and emoji. Several secrets are accepted (rotation, several Meta
 * apps). Thread-safe: each thread keeps its own initialised {@link Mac}s, which are costly to create.
 */
final class SignatureVerifier {

	static final String HEADER = "X-Hub-Signature-256";

	private static final String PREFIX = "sha256=";

	private static final String ALGORITHM = "HmacSHA256";

	private final List<SecretKeySpec> keys;

	private final ThreadLocal<Mac[]> macs;

	SignatureVerifier(List<String> appSecrets) {
		if (appSecrets.isEmpty()) {
			throw new IllegalArgumentException("At least one app secret is needed");
		}
		this.keys = appSecrets.stream()
				.map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
				.toList();
		this.macs = ThreadLocal.withInitial(this::newMacs);
	}

	/** Whether the header carries a valid signature of {@code body} by one of the app secrets. */
	boolean verify(byte[] body, String header) {
		byte[] presented = parse(header);
		if (presented == null) {
			return false;
		}
		for (Mac mac : macs.get()) {
			if (MessageDigest.isEqual(mac.doFinal(body), presented)) {
				return true;
			}
		}
		return false;
	}

	/** The 32 signature bytes of a well-formed header; null for anything else. */
	private static byte[] parse(String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + 64) {
			return null;
		}
		try {
			return HexFormat.of().parseHex(value, PREFIX.length(), value.length());
		}
		catch (IllegalArgumentException notHex) {
			return null;
		}
	}

	private Mac[] newMacs() {
		try {
			Mac[] result = new Mac[keys.size()];
			for (int i = 0; i < result.length; i++) {
				result[i] = Mac.getInstance(ALGORITHM);
				result[i].init(keys.get(i));
			}
			return result;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
		}
	}
}

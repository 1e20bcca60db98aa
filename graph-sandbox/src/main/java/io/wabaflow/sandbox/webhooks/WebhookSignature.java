package io.wabaflow.sandbox.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the exact body bytes with the app secret, lowercase
 * hex [CWE], [G-WH]. Public so that tests (here and in other modules) verify signatures the way Meta computes them.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Hub-Signature-256";

	private WebhookSignature() {
	}

	public static String sign(String appSecret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	/** Constant-time check of a received header value against the body. */
	public static boolean verify(String appSecret, byte[] body, String headerValue) {
		if (headerValue == null) {
			return false;
		}
		byte[] expected = sign(appSecret, body).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, headerValue.trim().getBytes(StandardCharsets.US_ASCII));
	}
}

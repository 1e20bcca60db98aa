package io.wabaflow.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

	/** The body exactly as Meta sends it: non-ASCII text as escaped unicode. */
	static final byte[] ESCAPED = "{\"text\":{\"body\":\"\\u00e4\\u00f6\\u00e5 \\ud83d\\udc4d\"}}".getBytes(StandardCharsets.US_ASCII);

	private final SignatureVerifier verifier = new SignatureVerifier(List.of("old-secret", "new-secret"));

	@Test
	void aSignatureByAnyConfiguredSecretOverTheRawBytesVerifies() {
		assertThat(verifier.verify(ESCAPED, sign(ESCAPED, "new-secret"))).isTrue();
		assertThat(verifier.verify(ESCAPED, sign(ESCAPED, "old-secret"))).isTrue();
		assertThat(verifier.verify(ESCAPED, sign(ESCAPED, "new-secret").toUpperCase().replace("SHA256=", "sha256=")))
				.as("upper-case hex").isTrue();
	}

	@Test
	void theSameJsonReSerialisedWithDecodedCharactersDoesNotVerify() {
		byte[] decoded = "{\"text\":{\"body\":\"äöå 👍\"}}".getBytes(StandardCharsets.UTF_8);

		assertThat(verifier.verify(decoded, sign(ESCAPED, "new-secret"))).isFalse();
	}

	@Test
	void wrongSecretsTamperedBodiesAndMalformedHeadersDoNotVerify() {
		String signature = sign(ESCAPED, "new-secret");
		byte[] tampered = ESCAPED.clone();
		tampered[3] = 'X';

		assertThat(verifier.verify(ESCAPED, sign(ESCAPED, "someone-else"))).isFalse();
		assertThat(verifier.verify(tampered, signature)).isFalse();
		assertThat(verifier.verify(ESCAPED, null)).isFalse();
		assertThat(verifier.verify(ESCAPED, signature.substring("sha256=".length()))).as("no prefix").isFalse();
		assertThat(verifier.verify(ESCAPED, "sha1=" + signature.substring(7))).isFalse();
		assertThat(verifier.verify(ESCAPED, signature.substring(0, signature.length() - 2))).as("short").isFalse();
		assertThat(verifier.verify(ESCAPED, signature.substring(0, signature.length() - 1) + "g")).as("not hex").isFalse();
	}

	static String sign(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

package io.wabaflow.sandbox.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.runtime.Json;

class EscapedUnicodeTest {

	@Test
	void escapesNonAsciiWithLowercaseHexAsMetaDocuments() {
		// the example of [G-WH]: äöå is sent as \u00e4\u00f6\u00e5
		assertThat(EscapedUnicode.escape("{\"a\":\"äöå\"}")).isEqualTo("{\"a\":\"\\u00e4\\u00f6\\u00e5\"}");
	}

	@Test
	void escapesCharactersOutsideTheBmpAsTheirTwoSurrogates() {
		assertThat(EscapedUnicode.escape("😀")).isEqualTo("\\ud83d\\ude00");
	}

	@Test
	void leavesAsciiUntouched() {
		String ascii = "{\"object\":\"whatsapp_business_account\",\"n\":1}";
		assertThat(EscapedUnicode.escape(ascii)).isSameAs(ascii);
	}

	@Test
	void escapedJsonStillParsesToTheOriginalText() {
		String original = "Olá, ação! 👍 ñ 中文";
		String json = EscapedUnicode.escape(Json.write(java.util.Map.of("text", original)));
		assertThat(json).matches("\\p{ASCII}*");
		assertThat(Json.MAPPER.readTree(json).path("text").asString()).isEqualTo(original);
	}

	@Test
	void signatureIsHmacSha256OfTheExactBytesInLowercaseHex() throws Exception {
		byte[] body = EscapedUnicode.escape("{\"text\":\"äöå\"}").getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));

		assertThat(WebhookSignature.sign("s3cret", body)).isEqualTo(expected).matches("sha256=[0-9a-f]{64}");
		assertThat(WebhookSignature.verify("s3cret", body, expected)).isTrue();
		assertThat(WebhookSignature.verify("other", body, expected)).isFalse();
	}

	@Test
	void signatureOverTheDecodedBytesWouldNotMatch() {
		String decoded = "{\"text\":\"äöå\"}";
		String escaped = EscapedUnicode.escape(decoded);
		assertThat(WebhookSignature.sign("k", decoded.getBytes(StandardCharsets.UTF_8)))
				.isNotEqualTo(WebhookSignature.sign("k", escaped.getBytes(StandardCharsets.UTF_8)));
	}
}

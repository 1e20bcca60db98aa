package io.wabaflow.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.platform.crypto.TokenCipher.TokenDecryptionException;

class TokenCipherTest {

	private static final String TOKEN = "EAAG-business-token-ÿ-secret";

	private final String key = TokenCipher.generateKey();

	private final TokenCipher cipher = new TokenCipher(key, List.of());

	@Test
	void decryptsWhatItEncryptedForTheSameNumber() {
		byte[] sealed = cipher.encrypt(TOKEN, "pn-1");

		assertThat(cipher.decrypt(sealed, "pn-1")).isEqualTo(TOKEN);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
	}

	@Test
	void encryptingTwiceGivesDifferentCiphertexts() {
		assertThat(cipher.encrypt(TOKEN, "pn-1")).isNotEqualTo(cipher.encrypt(TOKEN, "pn-1"));
	}

	@Test
	void aTokenMovedToAnotherNumberDoesNotDecrypt() {
		byte[] sealed = cipher.encrypt(TOKEN, "pn-1");

		assertThatThrownBy(() -> cipher.decrypt(sealed, "pn-2")).isInstanceOf(TokenDecryptionException.class)
				.hasMessageNotContaining(TOKEN);
	}

	@Test
	void aTamperedCiphertextDoesNotDecrypt() {
		byte[] sealed = cipher.encrypt(TOKEN, "pn-1");
		sealed[sealed.length - 1] ^= 1;

		assertThatThrownBy(() -> cipher.decrypt(sealed, "pn-1")).isInstanceOf(TokenDecryptionException.class);
	}

	@Test
	void afterRotationOldCiphertextsStillDecryptAndNewOnesUseTheNewKey() {
		byte[] old = cipher.encrypt(TOKEN, "pn-1");
		TokenCipher rotated = new TokenCipher(TokenCipher.generateKey(), List.of(key));

		assertThat(rotated.decrypt(old, "pn-1")).isEqualTo(TOKEN);
		byte[] fresh = rotated.encrypt(TOKEN, "pn-1");
		assertThatThrownBy(() -> cipher.decrypt(fresh, "pn-1")).isInstanceOf(TokenDecryptionException.class)
				.hasMessageContaining("neither the active key nor one of the previous keys");
	}

	@Test
	void aKeyOfTheWrongSizeIsRefusedWithTheFix() {
		assertThatThrownBy(() -> new TokenCipher("c2hvcnQ=", List.of())).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("32 bytes").hasMessageContaining("openssl rand -base64 32");
	}

	@Test
	void neverPrintsKeyMaterial() {
		assertThat(cipher.toString()).doesNotContain(key);
	}
}

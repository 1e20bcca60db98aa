package io.wabaflow.onboarding.flow;

import org.springframework.stereotype.Component;

import io.wabaflow.platform.crypto.TokenCipher;

/**
 * A flow's secrets, sealed with AES-GCM and bound to the onboarding id (a ciphertext copied onto another flow does
 * not decrypt): the Embedded Signup code until it is exchanged, then the business token, which every later step
 * needs. They exist in clear only inside a step, never in a log line or an event.
 */
@Component
public class Tokens {

	private final TokenCipher cipher;

	Tokens(TokenCipher cipher) {
		this.cipher = cipher;
	}

	public byte[] seal(String onboardingId, String secret) {
		return cipher.encrypt(secret, onboardingId);
	}

	public String code(Flow flow) {
		return cipher.decrypt(flow.encryptedCode(), flow.onboardingId());
	}

	public String token(Flow flow) {
		return cipher.decrypt(flow.encryptedToken(), flow.onboardingId());
	}
}

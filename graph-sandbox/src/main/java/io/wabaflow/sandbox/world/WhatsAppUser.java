package io.wabaflow.sandbox.world;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A consumer on WhatsApp. {@code waId} may differ from the dialled number [IMG]; {@code onWhatsApp=false} makes
 * sends to it fail with 131026; {@code readsMessages=false} stops its statuses at delivered. Since April 2026 every
 * user also has a business-scoped user id ({@link #bsuid()}, facts §2.0), which every messages webhook carries.
 */
public record WhatsAppUser(String phone, String waId, String name, boolean onWhatsApp, boolean readsMessages) {

	/**
	 * The user's BSUID: a country code, a period and digits, the same for the same wa_id (as for one business
	 * portfolio at Meta), not derivable into the phone by a reader.
	 */
	public String bsuid() {
		return bsuidOf(waId);
	}

	public static String bsuidOf(String waId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(("bsuid:" + waId).getBytes(StandardCharsets.UTF_8));
			String digits = new BigInteger(1, hash).toString().substring(0, 20);
			return "BR." + digits;
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Whether a recipient is written as a BSUID (a letter in it) rather than a phone. */
	public static boolean isBsuid(String recipient) {
		return recipient != null && recipient.chars().anyMatch(Character::isLetter);
	}
}

package io.wabaflow.sender.send;

import java.util.regex.Pattern;

/**
 * Who a message goes to, as the window table and Meta's ids write it: a phone as its digits ("+55 11 98765-4321" is
 * 5511987654321), or a business-scoped user id (BSUID, facts §2.0) whole: a country code, a period, optionally
 * {@code ENT.}, and up to 128 letters and digits ({@code US.13491208655302741918}). A phone has no letters, a BSUID
 * always has: the two never look alike.
 */
public final class Recipients {

	private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}");

	private Recipients() {
	}

	/** The key of a recipient: a BSUID as written (trimmed), else the digits of a phone (empty when none). */
	public static String key(String recipient) {
		if (recipient == null) {
			return null;
		}
		if (isBsuid(recipient)) {
			return recipient.strip();
		}
		StringBuilder digits = new StringBuilder(recipient.length());
		for (int i = 0; i < recipient.length(); i++) {
			char c = recipient.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	/** Whether the recipient is written as a BSUID (it has a letter) rather than a phone. */
	public static boolean isBsuid(String recipient) {
		return recipient != null && recipient.chars().anyMatch(Character::isLetter);
	}

	/** Whether a BSUID is well formed. */
	static boolean validBsuid(String recipient) {
		return recipient != null && BSUID.matcher(recipient.strip()).matches();
	}
}

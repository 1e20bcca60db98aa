package io.wabaflow.sync.identity;

import java.util.Collection;

/**
 * The names of a WhatsApp user as the projections keep them: a phone as its digits ({@code wa_id} and {@code from}
 * are digits; the address book and echoes' {@code to} may carry {@code +} or spaces), a business-scoped user id
 * (BSUID, {@code US.13491208655302741918}) whole. The two never look alike: a phone is digits only, a BSUID is not.
 */
public final class UserIds {

	private UserIds() {
	}

	/** The digits of a phone, null when there are none. */
	public static String phone(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder digits = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.isEmpty() ? null : digits.toString();
	}

	/** A BSUID as sent, trimmed; null when blank. */
	public static String bsuid(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

	/** The identity of a user named by a phone, a BSUID or both: the phone when there is one. */
	public static String of(String phone, String bsuid) {
		String digits = phone(phone);
		return digits != null ? digits : bsuid(bsuid);
	}

	/**
	 * A value that may be either (a command's {@code to}): one with a letter is a BSUID (every BSUID starts with its
	 * country code), anything else a phone.
	 */
	public static String either(String value) {
		if (value == null) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isLetter(value.charAt(i))) {
				return bsuid(value);
			}
		}
		return phone(value);
	}

	public static boolean isPhone(String identity) {
		if (identity == null || identity.isEmpty()) {
			return false;
		}
		for (int i = 0; i < identity.length(); i++) {
			char c = identity.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The person of a connected set of identities: its smallest phone, else its smallest BSUID. A function of the
	 * set alone, so every order of arrival and every rebuild names a person alike; users known by phone keep the
	 * conversation id they had before BSUIDs.
	 */
	public static String canonical(Collection<String> identities) {
		String phone = null;
		String other = null;
		for (String identity : identities) {
			if (isPhone(identity)) {
				phone = phone == null || identity.compareTo(phone) < 0 ? identity : phone;
			}
			else {
				other = other == null || identity.compareTo(other) < 0 ? identity : other;
			}
		}
		return phone != null ? phone : other;
	}
}

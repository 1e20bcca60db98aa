package io.wabaflow.sync.intake;

/**
 * Contacts are keyed by the digits of their WhatsApp id / phone number: Meta sends {@code wa_id} and
 * {@code from} as digits, {@code smb_app_state_sync} and echoes' {@code to} may carry {@code +} or
 * spaces. Null when there are no digits.
 */
final class Digits {

	private Digits() {
	}

	static String of(String value) {
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
}

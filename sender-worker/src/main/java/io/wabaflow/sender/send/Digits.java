package io.wabaflow.sender.send;

/** Phone numbers and wa_ids compared as digits only ("+55 11 98765-4321" is 5511987654321). */
public final class Digits {

	private Digits() {
	}

	public static String of(String phone) {
		if (phone == null) {
			return null;
		}
		StringBuilder digits = new StringBuilder(phone.length());
		for (int i = 0; i < phone.length(); i++) {
			char c = phone.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}
}

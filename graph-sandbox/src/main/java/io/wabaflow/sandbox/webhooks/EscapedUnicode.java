package io.wabaflow.sandbox.webhooks;

/**
 * Meta signs (and sends) "an escaped unicode version of the payload, with lowercase hex digits" [G-WH]: every
 * character outside ASCII becomes {@code \}{@code uXXXX}, a character outside the BMP becomes its two UTF-16
 * surrogates, e.g. {@code äöå} → {@code \}{@code u00e4\}{@code u00f6\}{@code u00e5}. In serialized JSON such
 * characters can only occur inside strings, so escaping the whole document is safe.
 */
public final class EscapedUnicode {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private EscapedUnicode() {
	}

	public static String escape(String json) {
		StringBuilder out = null;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c < 0x80) {
				if (out != null) {
					out.append(c);
				}
				continue;
			}
			if (out == null) {
				out = new StringBuilder(json.length() + 64);
				out.append(json, 0, i);
			}
			out.append('\\').append('u').append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
		}
		return out == null ? json : out.toString();
	}
}

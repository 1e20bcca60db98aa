package io.wabaflow.ingress.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}, possibly among others, e.g.
 * {@code Prefer: respond-async, wait=10}). Preferences not understood are ignored, as the RFC asks.
 */
final class PreferWait {

	private PreferWait() {
	}

	/** How long the caller prefers to wait, capped at {@code max}; zero when it did not ask to wait. */
	static Duration of(List<String> preferHeaders, Duration max) {
		if (preferHeaders == null) {
			return Duration.ZERO;
		}
		Duration wait = Duration.ZERO;
		for (String header : preferHeaders) {
			for (String preference : header.split(",")) {
				String token = preference.split(";", 2)[0].strip();
				int equals = token.indexOf('=');
				if (equals < 0 || !token.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("wait")) {
					continue;
				}
				String value = token.substring(equals + 1).strip().replace("\"", "");
				try {
					long seconds = Long.parseLong(value);
					if (seconds > 0) {
						wait = Duration.ofSeconds(seconds);
					}
				}
				catch (NumberFormatException ignored) {
					// a malformed preference is ignored, like any other not understood
				}
			}
		}
		return wait.compareTo(max) > 0 ? max : wait;
	}
}

package io.wabaflow.ops.kafka;

import java.time.Duration;

/** Durations as ops type them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT10M}). */
public final class Durations {

	private Durations() {
	}

	public static Duration parse(String text) {
		String value = text.strip();
		if (value.toUpperCase().startsWith("P")) {
			return Duration.parse(value.toUpperCase());
		}
		if (value.matches("\\d+ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (!value.matches("\\d+[smhd]")) {
			throw new IllegalArgumentException("Duration '" + text + "' must look like 500ms, 30s, 10m, 2h, 1d or PT10M");
		}
		long amount = Long.parseLong(value.substring(0, value.length() - 1));
		return switch (value.charAt(value.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
	}
}

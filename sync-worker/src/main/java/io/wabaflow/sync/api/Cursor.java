package io.wabaflow.sync.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A keyset cursor: the sort key of the last item of a page, opaque to clients (base64url of
 * {@code <epoch micros>|<tie-break id>}, or of the id alone). The next page starts strictly after it,
 * so inserts between two requests never shift or repeat items, unlike offsets.
 */
public record Cursor(Instant at, String id) {

	public String encode() {
		String plain = at == null ? "|" + id : micros(at) + "|" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/** The cursor of a request, null for the first page. */
	public static Cursor decode(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return null;
		}
		try {
			String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
			int bar = plain.indexOf('|');
			if (bar < 0) {
				throw new BadRequestException("Invalid cursor");
			}
			String at = plain.substring(0, bar);
			Instant instant = at.isEmpty() ? null : fromMicros(Long.parseLong(at));
			return new Cursor(instant, plain.substring(bar + 1));
		}
		catch (IllegalArgumentException e) {
			throw new BadRequestException("Invalid cursor");
		}
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
	}

	private static Instant fromMicros(long micros) {
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
	}
}

package io.wabaflow.metagraph.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Webhook payloads in the shape of Meta's (facts file 2), kept as files so their {@code \\u00e4} escapes stay raw. */
final class Payloads {

	private Payloads() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = Payloads.class.getResourceAsStream("/webhooks/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test payload " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String text(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}
}

package io.wabaflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The public corpus of 84 webhook payloads written outside this project (Meta's 2026 documentation, pywa's test
 * data, two SDKs' fixtures), as found, with their sources in {@code peer-webhooks/SOURCES.md}: what the parser and
 * the projections are tested against, rather than payloads we wrote ourselves.
 */
public final class PeerWebhooks {

	private static final String FOLDER = "peer-webhooks/";

	private PeerWebhooks() {
	}

	/** One file: its name and its exact bytes (to be signed as they are). */
	public record Payload(String name, byte[] bytes) {

		public String text() {
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	/** Every file, in the order of their numbers. */
	public static List<Payload> all() {
		List<Payload> payloads = new ArrayList<>();
		for (String name : names()) {
			payloads.add(get(name));
		}
		return payloads;
	}

	/** The file whose name starts with {@code prefix} (its number, e.g. {@code "006"}). */
	public static Payload get(String prefix) {
		String name = names().stream().filter(n -> n.startsWith(prefix)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No peer webhook " + prefix));
		try (InputStream in = PeerWebhooks.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + FOLDER + name);
			}
			return new Payload(name, in.readAllBytes());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<String> names() {
		try (InputStream in = PeerWebhooks.class.getClassLoader().getResourceAsStream(FOLDER + "INDEX")) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + FOLDER + "INDEX");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
					.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

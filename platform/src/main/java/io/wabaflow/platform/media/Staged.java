package io.wabaflow.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes copied to a temporary file while their SHA-256 is computed: the address of an object is known only once
 * all of it was read, and an S3 put needs the length up front. The caller moves or uploads the file, then closes
 * this, which deletes whatever is left.
 */
final class Staged implements AutoCloseable {

	private final Path file;

	private final StoredMedia media;

	private Staged(Path file, StoredMedia media) {
		this.file = file;
		this.media = media;
	}

	static Staged copy(InputStream content, Path directory, long maxBytes) throws IOException {
		Files.createDirectories(directory);
		Path file = Files.createTempFile(directory, "staging-", ".part");
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			long size = 0;
			byte[] buffer = new byte[64 * 1024];
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
				for (int read; (read = content.read(buffer)) != -1;) {
					size += read;
					if (size > maxBytes) {
						throw new MediaTooLargeException(maxBytes);
					}
					out.write(buffer, 0, read);
				}
			}
			return new Staged(file, new StoredMedia(HexFormat.of().formatHex(sha256.digest()), size));
		}
		catch (IOException | RuntimeException e) {
			Files.deleteIfExists(file);
			throw e;
		}
		catch (NoSuchAlgorithmException e) {
			Files.deleteIfExists(file);
			throw new IllegalStateException("Every JVM has SHA-256", e);
		}
	}

	Path file() {
		return file;
	}

	StoredMedia media() {
		return media;
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(file);
	}
}

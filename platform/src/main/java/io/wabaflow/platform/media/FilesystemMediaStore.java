package io.wabaflow.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Media on the local filesystem: {@code <root>/sha256/ab/cd/abcd…}, written to a staging file first and moved into
 * place atomically, so a reader never sees half an object and two writers of the same bytes do not collide.
 */
final class FilesystemMediaStore implements MediaStore {

	private final Path root;

	FilesystemMediaStore(Path root) {
		this.root = root.toAbsolutePath();
	}

	@Override
	public StoredMedia put(InputStream content, String contentType, long maxBytes) throws IOException {
		try (Staged staged = Staged.copy(content, root.resolve(".staging"), maxBytes)) {
			Path target = pathOf(staged.media().sha256());
			if (!Files.exists(target)) {
				Files.createDirectories(target.getParent());
				try {
					Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (FileAlreadyExistsException storedMeanwhile) {
					// the same bytes, stored by another writer: nothing to do
				}
			}
			return staged.media();
		}
	}

	@Override
	public Optional<StoredMedia> find(String sha256) {
		Path path = pathOf(sha256);
		try {
			return Files.isRegularFile(path) ? Optional.of(new StoredMedia(sha256, Files.size(path))) : Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public InputStream open(String sha256, long from, long length) throws IOException {
		SeekableByteChannel channel = Files.newByteChannel(pathOf(sha256));
		channel.position(from);
		return new LimitedInputStream(Channels.newInputStream(channel), length);
	}

	@Override
	public String kind() {
		return "filesystem";
	}

	private Path pathOf(String sha256) {
		String hex = Sha256.require(sha256);
		return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
	}
}

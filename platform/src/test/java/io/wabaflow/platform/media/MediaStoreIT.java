package io.wabaflow.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.wabaflow.testsupport.TestS3;

/**
 * Both media stores against the real thing: the local filesystem, and a real S3-compatible server (S3Mock, its own
 * process). The same bytes are stored once, read back whole or by range, and a too-large upload leaves nothing.
 */
class MediaStoreIT {

	@TempDir
	static Path directory;

	static Stream<Arguments> stores() {
		String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
		MediaStoreProperties s3 = new MediaStoreProperties("s3", directory.resolve("s3-staging"),
				new MediaStoreProperties.S3(TestS3.BUCKET, prefix, URI.create(TestS3.endpoint()), null, true, "any",
						"any"));
		MediaStoreProperties filesystem = new MediaStoreProperties("filesystem", directory.resolve("fs-" + prefix), null);
		return Stream.of(Arguments.of("filesystem", MediaStoreAutoConfiguration.create(filesystem)),
				Arguments.of("s3", MediaStoreAutoConfiguration.create(s3)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void theSameBytesAreStoredOnceUnderTheirSha256AndReadBackWholeOrByRange(String kind, MediaStore store)
			throws Exception {
		byte[] photo = bytes(300_000, 1);
		List<StoredMedia> puts = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> put(store, photo)))
				.toList().stream().map(CompletableFuture::join).toList();

		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
		assertThat(puts).containsOnly(new StoredMedia(sha256, photo.length));
		assertThat(store.kind()).isEqualTo(kind);
		assertThat(store.find(sha256)).contains(new StoredMedia(sha256, photo.length));
		try (InputStream whole = store.open(sha256, 0, photo.length)) {
			assertThat(whole.readAllBytes()).isEqualTo(photo);
		}
		try (InputStream range = store.open(sha256, 1000, 500)) {
			assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(photo, 1000, 1500));
		}
		assertThat(store.find("0".repeat(64))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void moreBytesThanTheLimitAreRefusedAndLeaveNothingBehind(String kind, MediaStore store) throws Exception {
		byte[] video = bytes(2_000_001, 2);
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video));

		assertThatThrownBy(() -> store.put(new ByteArrayInputStream(video), "video/mp4", 2_000_000))
				.isInstanceOf(MediaTooLargeException.class).hasMessageContaining("2000000");
		assertThat(store.find(sha256)).isEmpty();
		try (Stream<Path> staged = Files.walk(directory)) {
			assertThat(staged.filter(path -> path.getFileName().toString().endsWith(".part"))).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void aSha256ThatIsNotOneIsRefusedBeforeItBecomesAPath(String kind, MediaStore store) {
		assertThatThrownBy(() -> store.open("../../etc/passwd", 0, 10)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void metasDigestMatchesInBase64OrHex() throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes(100, 3));
		StoredMedia stored = new StoredMedia(HexFormat.of().formatHex(digest), 100);
		assertThat(stored.matches(Base64.getEncoder().encodeToString(digest))).isTrue();
		assertThat(stored.matches(HexFormat.of().formatHex(digest).toUpperCase())).isTrue();
		assertThat(stored.matches("wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=")).isFalse();
		assertThat(stored.matches(null)).isFalse();
	}

	private static StoredMedia put(MediaStore store, byte[] bytes) {
		try {
			return store.put(new ByteArrayInputStream(bytes), "image/jpeg", 5 * 1024 * 1024);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}
}

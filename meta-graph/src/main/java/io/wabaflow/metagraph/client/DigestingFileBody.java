package io.wabaflow.metagraph.client;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.wabaflow.metagraph.client.GraphModel.DownloadedMedia;

/**
 * Writes a response body to a file as it arrives and digests it on the way (SHA-256, base64 as Meta gives it), so a
 * caller can compare with the media's {@code sha256} without reading the file again. A failure halfway deletes the
 * partial file.
 */
final class DigestingFileBody implements BodySubscriber<DownloadedMedia> {

	private final Path target;

	private final String mimeType;

	private final MessageDigest sha256;

	private final CompletableFuture<DownloadedMedia> result = new CompletableFuture<>();

	private FileChannel channel;

	private Flow.Subscription subscription;

	private long size;

	DigestingFileBody(Path target, String mimeType) {
		this.target = target;
		this.mimeType = mimeType;
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}

	@Override
	public CompletionStage<DownloadedMedia> getBody() {
		return result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		try {
			channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException e) {
			subscription.cancel();
			result.completeExceptionally(e);
			return;
		}
		subscription.request(1);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		try {
			for (ByteBuffer buffer : buffers) {
				sha256.update(buffer.duplicate());
				size += buffer.remaining();
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
		}
		catch (IOException e) {
			subscription.cancel();
			fail(e);
			return;
		}
		subscription.request(1);
	}

	@Override
	public void onError(Throwable failure) {
		fail(failure);
	}

	@Override
	public void onComplete() {
		try {
			channel.close();
			result.complete(new DownloadedMedia(target, mimeType, size,
					Base64.getEncoder().encodeToString(sha256.digest())));
		}
		catch (IOException e) {
			fail(e);
		}
	}

	private void fail(Throwable failure) {
		try {
			if (channel != null) {
				channel.close();
			}
			Files.deleteIfExists(target);
		}
		catch (IOException e) {
			failure.addSuppressed(e);
		}
		result.completeExceptionally(failure);
	}
}

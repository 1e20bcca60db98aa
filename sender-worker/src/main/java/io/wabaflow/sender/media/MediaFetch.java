package io.wabaflow.sender.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphErrorClass;
import io.wabaflow.metagraph.client.GraphModel;
import io.wabaflow.metagraph.client.MediaUrlExpiredException;
import io.wabaflow.metagraph.message.MediaLimits;
import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.platform.media.MediaTooLargeException;
import io.wabaflow.platform.media.StoredMedia;

/**
 * One attempt at one download: Meta's short-lived URL for the media id, its bytes streamed into the media store
 * (never whole in memory), checked against the SHA-256 Meta sent. Answers what came of it, never a failed future.
 */
final class MediaFetch {

	/** What came of an attempt: stored, failed for good, or worth another try. */
	record Outcome(boolean stored, boolean retryable, String sha256, Long size, String mimeType, String reason,
			String detail) {

		static Outcome stored(StoredMedia media, String mimeType) {
			return new Outcome(true, false, media.sha256(), media.size(), mimeType, null, null);
		}

		static Outcome failed(String reason, String detail) {
			return new Outcome(false, false, null, null, null, reason, detail);
		}

		static Outcome retry(String reason, String detail) {
			return new Outcome(false, true, null, null, null, reason, detail);
		}

		/**
		 * The last attempt's failure, for good. What names the media's own trouble stays (EXPIRED: Meta no longer has
		 * it; CHECKSUM_MISMATCH; NUMBER_UNKNOWN); trouble on the way (throttling, time-outs) becomes DOWNLOAD_FAILED.
		 */
		Outcome givenUp(int attempts) {
			String kept = switch (reason) {
				case MediaFetch.EXPIRED, MediaFetch.CHECKSUM_MISMATCH, "NUMBER_UNKNOWN" -> reason;
				default -> MediaFetch.DOWNLOAD_FAILED;
			};
			return failed(kept, "after " + attempts + " attempts: " + detail);
		}
	}

	static final String EXPIRED = "EXPIRED";

	static final String TOO_LARGE = "TOO_LARGE";

	static final String CHECKSUM_MISMATCH = "CHECKSUM_MISMATCH";

	static final String DOWNLOAD_FAILED = "DOWNLOAD_FAILED";

	static final String URL_EXPIRED = "URL_EXPIRED";

	static final String THROTTLED = "THROTTLED";

	private final GraphClient graph;

	private final MediaStore media;

	private final Executor streaming;

	MediaFetch(GraphClient graph, MediaStore media, Executor streaming) {
		this.graph = graph;
		this.media = media;
		this.streaming = streaming;
	}

	CompletableFuture<Outcome> fetch(DownloadStore.Claimed claimed, String token) {
		return graph.mediaInfo(claimed.mediaId(), token)
				.thenApplyAsync(info -> store(claimed, info, token), streaming)
				.exceptionally(MediaFetch::classify);
	}

	private Outcome store(DownloadStore.Claimed claimed, GraphModel.MediaInfo info, String token) {
		String mimeType = info.mimeType() != null ? info.mimeType() : claimed.mimeType();
		long limit = MediaLimits.maxBytes(claimed.kind(), mimeType);
		if (info.fileSize() != null && info.fileSize() > limit) {
			return Outcome.failed(TOO_LARGE, "Meta says the " + claimed.kind() + " has " + info.fileSize()
					+ " bytes; WhatsApp allows " + limit);
		}
		StoredMedia stored;
		try (InputStream bytes = graph.downloadMedia(info.url(), token).join()) {
			stored = media.put(bytes, mimeType, limit);
		}
		catch (MediaTooLargeException e) {
			return Outcome.failed(TOO_LARGE, "the " + claimed.kind() + " exceeds WhatsApp's " + limit + " bytes");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		String expected = claimed.metaSha256() != null ? claimed.metaSha256() : info.sha256();
		if (expected != null && !stored.matches(expected)) {
			return Outcome.retry(CHECKSUM_MISMATCH, "the bytes' SHA-256 is " + stored.sha256() + ", Meta said " + expected);
		}
		return Outcome.stored(stored, mimeType);
	}

	private static Outcome classify(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof MediaUrlExpiredException expired) {
			// Meta's URLs live minutes: the next attempt asks for a fresh one
			return Outcome.retry(URL_EXPIRED, expired.getMessage());
		}
		if (cause instanceof GraphApiException graph) {
			if (graph.classification() == GraphErrorClass.PERMANENT && graph.error().subcode() != null
					&& graph.error().subcode() == 33) {
				// the id is unknown to Meta: gone (30 days), or not yet visible; tried again, then EXPIRED
				return Outcome.retry(EXPIRED, "Meta no longer has this media: " + graph.getMessage());
			}
			if (graph.classification() == GraphErrorClass.PERMANENT) {
				return Outcome.failed(DOWNLOAD_FAILED, graph.getMessage());
			}
			return Outcome.retry(graph.classification() == GraphErrorClass.THROTTLED ? THROTTLED : DOWNLOAD_FAILED,
					graph.getMessage());
		}
		return Outcome.retry(DOWNLOAD_FAILED, cause.toString());
	}
}

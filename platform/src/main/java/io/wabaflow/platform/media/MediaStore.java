package io.wabaflow.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where media bytes live: inbound media downloaded from Meta before its short-lived URL and its 30-day id are
 * gone, and uploads before they go to Meta. Objects are addressed by the SHA-256 of their bytes (Meta sends it
 * too), so the same media delivered twice, or uploaded by two tenants, is stored once; who may read an object is
 * the business of the service that keeps its metadata, never of the store.
 *
 * <p>Two implementations: the local filesystem (the default, under the devstack's data folder) and any
 * S3-compatible object store. Both stream: a 100 MB document never sits in memory.
 */
public interface MediaStore {

	/**
	 * Stores the bytes {@code content} holds, at most {@code maxBytes} of them, and answers their address. Bytes that
	 * are already stored are not written again.
	 *
	 * @throws MediaTooLargeException when {@code content} holds more than {@code maxBytes}; nothing is stored
	 */
	StoredMedia put(InputStream content, String contentType, long maxBytes) throws IOException;

	/** The object stored under a SHA-256 (64 lowercase hex digits), if there is one. */
	Optional<StoredMedia> find(String sha256);

	/** Bytes {@code [from, from + length)} of a stored object, for a whole download or an HTTP range. */
	InputStream open(String sha256, long from, long length) throws IOException;

	/** {@code filesystem} or {@code s3}: what the health page and the logs say. */
	String kind();
}

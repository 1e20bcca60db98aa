package io.wabaflow.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media in an S3-compatible object store (AWS S3, MinIO, Ceph, S3Mock...): {@code <prefix>sha256/<hex>} in one
 * bucket. An object already there is not uploaded again; reads of a range ask the store for that range only.
 */
final class S3MediaStore implements MediaStore {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final Path staging;

	S3MediaStore(S3Client s3, String bucket, String prefix, Path staging) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? nullToEmpty(prefix) : prefix + "/";
		this.staging = staging;
	}

	@Override
	public StoredMedia put(InputStream content, String contentType, long maxBytes) throws IOException {
		try (Staged staged = Staged.copy(content, staging, maxBytes)) {
			StoredMedia media = staged.media();
			if (head(media.sha256()).isEmpty()) {
				s3.putObject(PutObjectRequest.builder().bucket(bucket).key(keyOf(media.sha256()))
						.contentType(contentType).contentLength(media.size()).build(), RequestBody.fromFile(staged.file()));
			}
			return media;
		}
	}

	@Override
	public Optional<StoredMedia> find(String sha256) {
		return head(sha256).map(head -> new StoredMedia(sha256, head.contentLength()));
	}

	@Override
	public InputStream open(String sha256, long from, long length) {
		if (length <= 0) {
			return InputStream.nullInputStream();
		}
		return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(keyOf(sha256))
				.range("bytes=" + from + "-" + (from + length - 1)).build());
	}

	@Override
	public String kind() {
		return "s3";
	}

	private Optional<HeadObjectResponse> head(String sha256) {
		try {
			return Optional.of(s3.headObject(builder -> builder.bucket(bucket).key(keyOf(sha256))));
		}
		catch (NoSuchKeyException e) {
			return Optional.empty();
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return Optional.empty(); // a HEAD has no body, so some stores answer a bare 404
			}
			throw e;
		}
	}

	private String keyOf(String sha256) {
		return prefix + "sha256/" + Sha256.require(sha256);
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}
}

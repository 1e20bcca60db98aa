package io.wabaflow.sender.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wabaflow.testsupport.TestS3;

/**
 * The downloads of {@link MediaDownloadsIT} into an S3-compatible object store (S3Mock, a real server in its own
 * process): the image, the voice note and the PDF end stored with the sandbox's bytes, read back from the bucket.
 * The retry and slow-number tests do not depend on the store and run once, in the parent.
 */
class S3MediaDownloadsIT extends MediaDownloadsIT {

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("wabaflow.media.store", () -> "s3");
		registry.add("wabaflow.media.s3.bucket", () -> TestS3.BUCKET);
		registry.add("wabaflow.media.s3.prefix", () -> "sender-it/");
		registry.add("wabaflow.media.s3.endpoint", TestS3::endpoint);
		registry.add("wabaflow.media.s3.path-style", () -> "true");
		registry.add("wabaflow.media.s3.access-key", () -> "any");
		registry.add("wabaflow.media.s3.secret-key", () -> "any");
	}

	@Override
	void aMediaIdMetaNoLongerHasEndsFailedExpiredAfterTheRetries() {
		// not a @Test here: the store plays no part
	}

	@Override
	void aNumberWhoseDownloadsCrawlHoldsBackNoOtherNumbersDownloads() {
		// not a @Test here: the store plays no part
	}
}

package io.wabaflow.platform.media;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wabaflow.media.*}: where media bytes are kept.
 *
 * @param store {@code filesystem} (the default) or {@code s3}
 * @param directory the filesystem store's root, and where both stores stage bytes while hashing them
 * @param s3 the S3-compatible store
 */
@ConfigurationProperties("wabaflow.media")
public record MediaStoreProperties(String store, Path directory, S3 s3) {

	public MediaStoreProperties {
		store = store == null || store.isBlank() ? "filesystem" : store.trim().toLowerCase(Locale.ROOT);
		directory = directory == null ? Path.of("data", "media") : directory;
		s3 = s3 == null ? new S3(null, null, null, null, false, null, null) : s3;
	}

	/**
	 * @param bucket the bucket (it must exist)
	 * @param prefix a key prefix inside it, e.g. {@code wabaflow/}
	 * @param endpoint an endpoint other than AWS's, for S3-compatible stores (MinIO, Ceph, S3Mock)
	 * @param region the region ({@code us-east-1} by default)
	 * @param pathStyle {@code true} for stores that address buckets by path rather than by host name
	 * @param accessKey with {@code secretKey}: static credentials; without: the AWS default chain (environment,
	 * profile, instance role)
	 * @param secretKey never logged
	 */
	public record S3(String bucket, String prefix, URI endpoint, String region, boolean pathStyle, String accessKey,
			String secretKey) {

		public S3 {
			region = region == null || region.isBlank() ? "us-east-1" : region;
			prefix = prefix == null ? "" : prefix;
			// an unset environment variable arrives as an empty value: no endpoint override, no static credentials
			endpoint = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
			bucket = bucket == null || bucket.isBlank() ? null : bucket;
			accessKey = accessKey == null || accessKey.isBlank() ? null : accessKey;
			secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey;
		}

		@Override
		public String toString() {
			return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
					+ ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null
							? null : "(set)") + "]";
		}
	}
}

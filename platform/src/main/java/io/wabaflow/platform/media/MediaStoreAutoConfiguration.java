package io.wabaflow.platform.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The {@link MediaStore} of a service, as {@code wabaflow.media.*} says. */
@AutoConfiguration
@EnableConfigurationProperties(MediaStoreProperties.class)
public class MediaStoreAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MediaStoreAutoConfiguration.class);

	/** Lazy: only services that use media (sender, sync) build it, so the others need no store configured. */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	MediaStore wabaflowMediaStore(MediaStoreProperties properties) {
		return create(properties);
	}

	/** The store the properties describe; also for tools and tests outside a Spring context. */
	public static MediaStore create(MediaStoreProperties properties) {
		return switch (properties.store()) {
			case "filesystem" -> new FilesystemMediaStore(properties.directory());
			case "s3" -> {
				MediaStoreProperties.S3 s3 = properties.s3();
				if (s3.bucket() == null || s3.bucket().isBlank()) {
					throw new IllegalStateException("wabaflow.media.store=s3 needs wabaflow.media.s3.bucket "
							+ "(environment WABAFLOW_MEDIA_S3_BUCKET): the bucket media is kept in");
				}
				log.info("Media kept in S3-compatible storage: {}", s3);
				yield new S3MediaStore(client(s3), s3.bucket(), s3.prefix(), properties.directory().resolve(".staging"));
			}
			default -> throw new IllegalStateException("wabaflow.media.store=" + properties.store()
					+ " is not a media store: use filesystem or s3");
		};
	}

	private static S3Client client(MediaStoreProperties.S3 s3) {
		S3ClientBuilder builder = S3Client.builder().region(Region.of(s3.region())).forcePathStyle(s3.pathStyle())
				.credentialsProvider(credentials(s3))
				// S3-compatible stores do not all know the newer default checksums: only where S3 requires them
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (s3.endpoint() != null) {
			builder.endpointOverride(s3.endpoint());
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(MediaStoreProperties.S3 s3) {
		if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}
}

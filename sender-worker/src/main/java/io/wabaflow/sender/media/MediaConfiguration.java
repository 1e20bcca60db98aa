package io.wabaflow.sender.media;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.platform.kafka.AsyncRecordSettler;
import io.wabaflow.platform.kafka.DelayTopics;
import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.Topics;
import io.wabaflow.sender.registry.NumberRegistry;

/** Inbound media downloads (README "Media"), unless {@code wabaflow.sender.media.downloads=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
@ConditionalOnProperty(name = "wabaflow.sender.media.downloads", havingValue = "true", matchIfMissing = true)
@EnableScheduling
class MediaConfiguration {

	/** Retry records live as long as a download may: a week, as the command topic. */
	private static final Duration RETENTION = Duration.ofDays(7);

	@Bean
	DelayTopics mediaDownloadRetries(MediaProperties properties,
			@Qualifier("kafkaTemplate") KafkaTemplate<String, Object> kafka, AsyncRecordSettler settler, Clock clock) {
		return new DelayTopics(Topics.MEDIA_DOWNLOADS.name(), ConsumerGroups.SENDER + "-media",
				properties.retryDelays(), Topics.MEDIA_DOWNLOADS.partitions(), RETENTION, kafka, settler, clock);
	}

	@Bean
	KafkaAdmin.NewTopics mediaDownloadRetryTopics(@Qualifier("mediaDownloadRetries") DelayTopics mediaDownloadRetries) {
		return new KafkaAdmin.NewTopics(mediaDownloadRetries.newTopics());
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService mediaStreamingExecutor(MediaProperties properties) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(properties.threads(), runnable -> {
			Thread thread = new Thread(runnable, "media-download-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	Downloads mediaDownloads(DownloadStore store, NumberRegistry registry, GraphClient graph, MediaStore mediaStore,
			@Qualifier("kafkaTemplate") KafkaTemplate<String, Object> kafka,
			@Qualifier("mediaDownloadRetries") DelayTopics mediaDownloadRetries,
			MediaProperties properties, @Qualifier("senderDatabaseExecutor") ExecutorService database,
			@Qualifier("mediaStreamingExecutor") ExecutorService streaming, Clock clock) {
		Downloads downloads = new Downloads(store, registry, new MediaFetch(graph, mediaStore, streaming), kafka,
				mediaDownloadRetries, properties, database, clock);
		mediaDownloadRetries.handleWith(downloads);
		return downloads;
	}

	@Bean
	MediaRequestListener mediaRequestListener(Downloads downloads) {
		return new MediaRequestListener(downloads);
	}

	@Bean
	DownloadSweeper mediaDownloadSweeper(DownloadStore store, Downloads downloads, MediaProperties properties,
			Clock clock) {
		return new DownloadSweeper(store, downloads, properties, clock);
	}
}

package io.wabaflow.sender.media;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import io.wabaflow.platform.kafka.TransientInfrastructureFailure;

/**
 * Starts again the downloads nobody finished: their worker stopped mid-download, or their retry's delay record was
 * never written (the broker was away). Without it such a download would stay pending for ever.
 */
class DownloadSweeper {

	private static final Logger log = LoggerFactory.getLogger(DownloadSweeper.class);

	private final DownloadStore store;

	private final Downloads downloads;

	private final MediaProperties properties;

	private final Clock clock;

	DownloadSweeper(DownloadStore store, Downloads downloads, MediaProperties properties, Clock clock) {
		this.store = store;
		this.downloads = downloads;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${wabaflow.sender.media.sweep-interval:30s}",
			fixedDelayString = "${wabaflow.sender.media.sweep-interval:30s}")
	void sweep() {
		try {
			Instant now = clock.instant();
			for (DownloadStore.Key key : store.forgotten(now.minus(properties.sweepAfter()), now, 500)) {
				log.info("Media {} of {} was left unsettled; starting it again", key.mediaId(), key.phoneNumberId());
				downloads.start(key);
			}
		}
		catch (RuntimeException e) {
			if (!TransientInfrastructureFailure.isCause(e)) {
				throw e;
			}
			log.warn("Media sweep skipped, the database is away: {}", e.toString());
		}
	}
}

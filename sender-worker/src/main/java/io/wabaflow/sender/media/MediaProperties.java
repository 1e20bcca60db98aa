package io.wabaflow.sender.media;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wabaflow.sender.media.*}: how inbound media is downloaded.
 *
 * @param downloads     {@code false}: media is not downloaded (its id stays Meta's, for 30 days)
 * @param perNumber     downloads of one number at once; the others of that number wait their turn, no other
 *                      number's
 * @param threads       downloads at once in all (each streams on a thread of its own)
 * @param retryDelays   the delay after the 1st, 2nd, ... failed attempt; its length + 1 is the number of attempts
 * @param lease         how long a download may run before another worker may take it up (it must exceed the
 *                      longest download: 100 MB at a slow 1 MB/s is under 2 minutes)
 * @param sweepAfter    an unsettled download untouched (and not due) for this long is started again
 * @param sweepInterval how often the sweeper looks
 */
@ConfigurationProperties("wabaflow.sender.media")
public record MediaProperties(@DefaultValue("true") boolean downloads, @DefaultValue("4") int perNumber,
		@DefaultValue("16") int threads, @DefaultValue({ "2s", "10s", "1m", "5m", "15m" }) List<Duration> retryDelays,
		@DefaultValue("5m") Duration lease, @DefaultValue("1m") Duration sweepAfter,
		@DefaultValue("30s") Duration sweepInterval) {

	public MediaProperties {
		if (perNumber <= 0 || threads <= 0) {
			throw new IllegalArgumentException("wabaflow.sender.media.per-number and .threads must be positive");
		}
		if (retryDelays.isEmpty()) {
			throw new IllegalArgumentException("wabaflow.sender.media.retry-delays needs at least one delay");
		}
	}

	int maxAttempts() {
		return retryDelays.size() + 1;
	}

	/** The delay after the {@code attempt}-th failed attempt. */
	Duration delayAfter(int attempt) {
		return retryDelays.get(Math.min(Math.max(attempt, 1), retryDelays.size()) - 1);
	}
}

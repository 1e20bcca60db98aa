package io.wabaflow.sandbox.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;

/**
 * Downloads that take their time, as Meta's CDN sometimes does: per phone number or per media id, a wait before
 * the first byte and/or a rate the bytes trickle at. A rule for the media id beats one for its number; among
 * equals the newest wins. Rules last until cleared.
 */
@Component
public class SlowDownloads implements Resettable {

	/**
	 * @param bytesPerSecond 0: as fast as the connection goes
	 */
	public record Rule(String phoneNumberId, String mediaId, Duration firstByteDelay, long bytesPerSecond) {

		public Rule {
			if ((phoneNumberId == null) == (mediaId == null)) {
				throw new IllegalArgumentException("a slow download names phoneNumberId or mediaId (one of them)");
			}
			firstByteDelay = firstByteDelay == null ? Duration.ZERO : firstByteDelay;
			if (firstByteDelay.isNegative() || bytesPerSecond < 0) {
				throw new IllegalArgumentException("delays and rates must not be negative");
			}
		}

		boolean matches(MediaFile file) {
			return file.id().equals(mediaId) || file.phoneNumberId().equals(phoneNumberId);
		}

		boolean namesTheMedia() {
			return mediaId != null;
		}
	}

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	@Override
	public void reset() {
		rules.clear();
	}

	public Rule add(Rule rule) {
		rules.add(0, rule);
		return rule;
	}

	public List<Rule> rules() {
		return List.copyOf(rules);
	}

	Optional<Rule> of(MediaFile file) {
		List<Rule> matching = rules.stream().filter(rule -> rule.matches(file)).toList();
		return matching.stream().filter(Rule::namesTheMedia).findFirst().or(() -> matching.stream().findFirst());
	}
}

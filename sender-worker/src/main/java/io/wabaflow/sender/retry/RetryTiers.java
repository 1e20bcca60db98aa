package io.wabaflow.sender.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.wabaflow.schemas.Topics;
import io.wabaflow.sender.SenderProperties;

/**
 * The delay topics. Each has one fixed delay, so its records fall due in the order they were written and
 * a consumer that waits for the head never holds back a record that is already due (several delays in one
 * topic would: a 256 s retry at the head would block a 1 s one behind it). The delays are every step of
 * both back-off families, {@code initial × multiplier^(n-1)} capped, so each retry lands in a topic whose
 * delay is exactly its own. Topic names carry the delay in milliseconds, like Spring's retry topics:
 * {@code wabaflow.commands.send.v1-sender-retry-4000}. Keys stay phone_number_id and the partition count is
 * the command topic's, so a number's retries stay with the instance that owns the number. The topics are
 * platform's {@code DelayTopics} (SendConfiguration): written due at the send's next attempt, read back when due.
 */
public final class RetryTiers {

	/** As platform's {@code DelayTopics} names the tiers of the base {@code wabaflow.commands.send.v1-sender}. */
	public static final String TOPIC_PREFIX = Topics.SEND_COMMANDS.name() + "-sender-retry-";

	/** Retry records are only useful while their send is: a week, as the command topic. */
	public static final Duration RETENTION = Duration.ofDays(7);

	private final SenderProperties.Backoff throttled;

	private final SenderProperties.Backoff transientErrors;

	private final List<Tier> tiers;

	/** @param extraDelays delays of other waits that ride the same topics (a paused template's re-check) */
	public RetryTiers(SenderProperties.Retry retry, Duration... extraDelays) {
		this.throttled = retry.getThrottled();
		this.transientErrors = retry.getTransient();
		TreeSet<Duration> delays = new TreeSet<>(List.of(extraDelays));
		for (RetryKind kind : RetryKind.values()) {
			for (int attempt = 1; attempt < backoff(kind).getMaxAttempts(); attempt++) {
				delays.add(delay(kind, attempt));
			}
		}
		List<Tier> all = new ArrayList<>();
		delays.forEach(delay -> all.add(new Tier(delay, TOPIC_PREFIX + delay.toMillis())));
		this.tiers = List.copyOf(all);
	}

	/** A delay topic. */
	public record Tier(Duration delay, String topic) {
	}

	public List<Tier> tiers() {
		return tiers;
	}

	/**
	 * Where the send goes after its {@code attempt}-th call failed this way, or empty when that was its
	 * last allowed call.
	 */
	public Optional<Tier> after(RetryKind kind, int attempt) {
		if (attempt >= backoff(kind).getMaxAttempts()) {
			return Optional.empty();
		}
		Duration delay = delay(kind, attempt);
		return tiers.stream().filter(tier -> tier.delay().equals(delay)).findFirst();
	}

	/** {@code initial × multiplier^(attempt-1)}, at most the family's maximum. */
	Duration delay(RetryKind kind, int attempt) {
		SenderProperties.Backoff backoff = backoff(kind);
		double millis = backoff.getInitial().toMillis() * Math.pow(backoff.getMultiplier(), Math.max(0, attempt - 1));
		long capped = (long) Math.min(millis, backoff.getMaxDelay().toMillis());
		return Duration.ofMillis(Math.max(1, capped));
	}

	private SenderProperties.Backoff backoff(RetryKind kind) {
		return kind == RetryKind.THROTTLED ? throttled : transientErrors;
	}
}

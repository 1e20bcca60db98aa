package io.wabaflow.onboarding.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.schemas.Topics;

/**
 * Where a continuation waits. Each delay topic has one fixed delay: a record written at t may be taken at
 * {@code t + delay} ({@code not_before}), so within a partition records come due in the order they were written,
 * and pausing the partition until its head is due never holds back a record that is due sooner. A delay no tier
 * matches hops: it goes to the longest tier not longer than it and, when taken, on to the next tier for what is
 * left (a timing wheel). Exactness: a record is never taken before it is due, and at most the shortest tier's
 * delay late (a short remainder put in the shortest tier may wait behind a full-delay head).
 *
 * <p>Tiers: short ({@code short-delay}, back-off granularity), poll ({@code polling.interval}), long
 * ({@code awaiting.retry-after}).
 */
@Component
public class DelayTiers {

	/** A delay topic and its fixed delay. */
	public record Tier(String topic, Duration delay) {
	}

	/** Where and from when a continuation waits. */
	public record Placement(String topic, Instant notBefore) {
	}

	private final List<Tier> tiers;

	@Autowired
	DelayTiers(OnboardingProperties properties) {
		this(List.of(new Tier(Topics.ONBOARDING_STEPS_DELAY_SHORT.name(), properties.shortDelay()),
				new Tier(Topics.ONBOARDING_STEPS_DELAY_POLL.name(), properties.polling().interval()),
				new Tier(Topics.ONBOARDING_STEPS_DELAY_LONG.name(), properties.awaiting().retryAfter())));
	}

	public DelayTiers(List<Tier> tiers) {
		if (tiers.isEmpty() || tiers.stream().anyMatch(t -> t.delay().isNegative() || t.delay().isZero())) {
			throw new IllegalArgumentException("Delay tiers need positive delays: " + tiers);
		}
		this.tiers = tiers.stream().sorted(Comparator.comparing(Tier::delay)).toList();
	}

	/** The topic (the immediate one when {@code dueAt} has come) and the not-before time of a continuation. */
	public Placement place(Instant dueAt, Instant now) {
		Duration remaining = Duration.between(now, dueAt);
		if (remaining.isNegative() || remaining.isZero()) {
			return new Placement(Topics.ONBOARDING_STEPS.name(), now);
		}
		Tier tier = tiers.get(0);
		for (Tier candidate : tiers) {
			if (candidate.delay().compareTo(remaining) <= 0) {
				tier = candidate;
			}
		}
		Duration wait = tier.delay().compareTo(remaining) <= 0 ? tier.delay() : remaining;
		return new Placement(tier.topic(), now.plus(wait));
	}

	public List<String> topics() {
		return tiers.stream().map(Tier::topic).distinct().toList();
	}

	public Optional<Tier> tier(String topic) {
		return tiers.stream().filter(t -> t.topic().equals(topic)).findFirst();
	}

	public List<Tier> tiers() {
		return tiers;
	}
}

package io.wabaflow.onboarding.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.Topics;

class DelayTiersTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final DelayTiers tiers = new DelayTiers(List.of(new DelayTiers.Tier("poll", Duration.ofSeconds(3)),
			new DelayTiers.Tier("long", Duration.ofMinutes(5)), new DelayTiers.Tier("short", Duration.ofSeconds(1))));

	@Test
	void aStepDueNowGoesToTheImmediateTopic() {
		assertThat(tiers.place(NOW, NOW)).isEqualTo(new DelayTiers.Placement(Topics.ONBOARDING_STEPS.name(), NOW));
		assertThat(tiers.place(NOW.minusSeconds(10), NOW).topic()).isEqualTo(Topics.ONBOARDING_STEPS.name());
	}

	@Test
	void aDelayEqualToATierWaitsThereExactly() {
		assertThat(tiers.place(NOW.plusSeconds(3), NOW)).isEqualTo(new DelayTiers.Placement("poll", NOW.plusSeconds(3)));
		assertThat(tiers.place(NOW.plus(Duration.ofMinutes(5)), NOW))
				.isEqualTo(new DelayTiers.Placement("long", NOW.plus(Duration.ofMinutes(5))));
	}

	@Test
	void aLongerDelayHopsThroughTheLongestTierNotLongerThanIt() {
		// 8 s: 3 s on the poll tier, then (taken at 3 s) 5 s left: poll again, then 2 s: short, then 1 s: short
		assertThat(tiers.place(NOW.plusSeconds(8), NOW)).isEqualTo(new DelayTiers.Placement("poll", NOW.plusSeconds(3)));
		assertThat(tiers.place(NOW.plusSeconds(8), NOW.plusSeconds(6)))
				.isEqualTo(new DelayTiers.Placement("short", NOW.plusSeconds(7)));
		assertThat(tiers.place(NOW.plus(Duration.ofMinutes(12)), NOW).topic()).isEqualTo("long");
	}

	@Test
	void aRemainderShorterThanEveryTierWaitsInTheShortestOnlyAsLongAsNeeded() {
		assertThat(tiers.place(NOW.plusMillis(300), NOW)).isEqualTo(new DelayTiers.Placement("short", NOW.plusMillis(300)));
	}

	@Test
	void everyTierHasAPositiveDelay() {
		assertThatThrownBy(() -> new DelayTiers(List.of(new DelayTiers.Tier("x", Duration.ZERO))))
				.isInstanceOf(IllegalArgumentException.class);
		assertThat(tiers.topics()).containsExactly("short", "poll", "long");
	}
}

package io.wabaflow.sandbox.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void allowsOneSecondOfTrafficAtOnceThenRefusesUntilRefilled() {
		TokenBucket bucket = new TokenBucket(80, 80, T0);
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			if (bucket.tryTake(T0)) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(80);
		assertThat(bucket.tryTake(T0.plusMillis(10))).isFalse();
		assertThat(bucket.tryTake(T0.plusMillis(13))).isTrue();
	}

	@Test
	void pairRateBorrowsTheBurstThenAllowsOneMessageEverySixSeconds() {
		TokenBucket pair = new TokenBucket(45, 1.0 / 6, T0);
		for (int i = 0; i < 45; i++) {
			assertThat(pair.tryTake(T0)).isTrue();
		}
		assertThat(pair.tryTake(T0)).isFalse();
		assertThat(pair.tryTake(T0.plusSeconds(5))).isFalse();
		assertThat(pair.tryTake(T0.plusSeconds(6))).isTrue();
		assertThat(pair.tryTake(T0.plusSeconds(7))).isFalse();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		TokenBucket bucket = new TokenBucket(3, 3, T0);
		Instant later = T0.plusSeconds(3600);
		int allowed = 0;
		for (int i = 0; i < 10; i++) {
			if (bucket.tryTake(later)) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(3);
	}

	@Test
	void aClockThatGoesBackDoesNotRefill() {
		TokenBucket bucket = new TokenBucket(1, 1, T0);
		assertThat(bucket.tryTake(T0)).isTrue();
		assertThat(bucket.tryTake(T0.minusSeconds(10))).isFalse();
	}
}

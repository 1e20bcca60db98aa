package io.wabaflow.ingress.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RecentCommandsTest {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));

	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	};

	private final RecentCommands recent = new RecentCommands(CommandOutcomesTest.PROPERTIES, clock);

	@Test
	void theFirstRequestPublishesAndARepeatWaitsForItsAcceptance() {
		RecentCommands.Claim first = recent.claim("cmd-1", "request-a");
		RecentCommands.Claim repeat = recent.claim("cmd-1", "request-a");

		assertThat(first.fresh()).isTrue();
		assertThat(repeat.fresh()).isFalse();
		assertThat(repeat.sameRequest("request-a")).isTrue();
		assertThat(repeat.sameRequest("request-b")).isFalse();
		assertThat(repeat.accepted()).isNotDone();
		recent.published(first);
		assertThat(repeat.accepted()).isCompleted();
	}

	@Test
	void aFailedPublishIsForgottenSoTheRetryPublishesAgain() {
		RecentCommands.Claim first = recent.claim("cmd-2", "request-a");

		recent.failed(first, new IllegalStateException("broker down"));

		assertThat(first.accepted()).isCompletedExceptionally();
		assertThat(recent.claim("cmd-2", "request-a").fresh()).isTrue();
	}

	@Test
	void keysAreForgottenAfterTheIdempotencyWindow() {
		recent.published(recent.claim("cmd-3", "request-a"));

		now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));

		assertThat(recent.claim("cmd-3", "request-a").fresh()).isTrue();
	}
}

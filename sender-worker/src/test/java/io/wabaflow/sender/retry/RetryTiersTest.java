package io.wabaflow.sender.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.wabaflow.platform.kafka.DelayTopics;
import io.wabaflow.schemas.Topics;
import io.wabaflow.sender.SenderProperties;

/** The delay topics and which one a failed call goes to. */
class RetryTiersTest {

	private final RetryTiers tiers = new RetryTiers(new SenderProperties().getRetry());

	@Test
	void throttlingBacksOffFourToTheNSeconds() {
		assertThat(tiers.after(RetryKind.THROTTLED, 1).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(tiers.after(RetryKind.THROTTLED, 2).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(4));
		assertThat(tiers.after(RetryKind.THROTTLED, 3).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(16));
		assertThat(tiers.after(RetryKind.THROTTLED, 5).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(256));
		assertThat(tiers.after(RetryKind.THROTTLED, 6)).as("the 6th call was the last").isEmpty();
	}

	@Test
	void transientErrorsBackOffExponentiallyUpToTheirLimit() {
		assertThat(tiers.after(RetryKind.TRANSIENT, 1).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(tiers.after(RetryKind.TRANSIENT, 4).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(8));
		assertThat(tiers.after(RetryKind.TRANSIENT, 5)).isEmpty();
	}

	@Test
	void oneTopicPerDistinctDelayNamedByItsMilliseconds() {
		assertThat(tiers.tiers()).extracting(RetryTiers.Tier::topic).containsExactly(
				"wabaflow.commands.send.v1-sender-retry-1000", "wabaflow.commands.send.v1-sender-retry-2000",
				"wabaflow.commands.send.v1-sender-retry-4000", "wabaflow.commands.send.v1-sender-retry-8000",
				"wabaflow.commands.send.v1-sender-retry-16000", "wabaflow.commands.send.v1-sender-retry-64000",
				"wabaflow.commands.send.v1-sender-retry-256000");
		// the delay topics the worker reads (platform DelayTopics, as SendConfiguration builds them) are these
		DelayTopics topics = new DelayTopics(Topics.SEND_COMMANDS.name() + "-sender", "wabaflow-sender",
				tiers.tiers().stream().map(RetryTiers.Tier::delay).toList(), Topics.SEND_COMMANDS.partitions(),
				RetryTiers.RETENTION, null, null, Clock.systemUTC());
		try {
			assertThat(topics.tiers()).extracting(DelayTopics.Tier::topic)
					.containsExactlyElementsOf(tiers.tiers().stream().map(RetryTiers.Tier::topic).toList());
			assertThat(topics.newTopics()).allSatisfy(topic -> assertThat(topic.numPartitions()).isEqualTo(6));
		}
		finally {
			topics.destroy();
		}
	}
}

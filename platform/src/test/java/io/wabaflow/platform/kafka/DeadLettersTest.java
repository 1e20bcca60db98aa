package io.wabaflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLettersTest {

	@Test
	void aTopicsDeadLettersGoToItsDotDltTopic() {
		assertThat(DeadLetters.topicFor("wabaflow.webhooks.v1")).isEqualTo("wabaflow.webhooks.v1.dlt");
	}

	@Test
	void retryTopicsShareTheirMainTopicsDeadLetterTopic() {
		assertThat(DeadLetters.topicFor("wabaflow.commands.send.v1-retry-4000")).isEqualTo("wabaflow.commands.send.v1.dlt");
	}

	@Test
	void aDeadLetterTopicIsItsOwnDeadLetterTopic() {
		assertThat(DeadLetters.topicFor("wabaflow.webhooks.v1.dlt")).isEqualTo("wabaflow.webhooks.v1.dlt");
	}
}

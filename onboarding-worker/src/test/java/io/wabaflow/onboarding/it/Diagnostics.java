package io.wabaflow.onboarding.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.wabaflow.platform.kafka.DeadLetters;
import io.wabaflow.schemas.Topics;
import io.wabaflow.testsupport.TestKafka;

/** Printed when an IT fails: the listener containers, the worker's dead letters, its flows, outbox and log. */
final class Diagnostics {

	private Diagnostics() {
	}

	static void print(KafkaListenerEndpointRegistry listeners, Jdbi jdbi) {
		listeners.getListenerContainers().forEach(c -> System.out.println("--- container " + c.getListenerId()
				+ " running=" + c.isRunning() + " assigned=" + c.getAssignedPartitions()));
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "diagnostics-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.ONBOARDING_COMMANDS.deadLetterTopic(), Topics.ONBOARDING_STEPS.deadLetterTopic(),
					Topics.ONBOARDING_STEPS_DELAY_POLL.deadLetterTopic(), Topics.WEBHOOKS.deadLetterTopic()));
			for (int i = 0; i < 5; i++) {
				consumer.poll(Duration.ofMillis(300)).forEach(r -> System.out.println("--- dead letter on " + r.topic()
						+ ": " + (r.headers().lastHeader(DeadLetters.REASON_HEADER) == null ? "?"
								: new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value()))));
			}
		}
		try {
			jdbi.useHandle(handle -> {
				System.out.println("--- flows: " + handle.createQuery("""
						SELECT onboarding_id, tenant_id, state, version, claims, claimed_at, failure_reason,
						  last_error_message FROM flows ORDER BY created_at DESC LIMIT 20""").mapToMap().list());
				System.out.println("--- outbox rows: " + handle.createQuery("SELECT count(*) FROM outbox")
						.mapTo(Long.class).one());
				System.out.println("--- log: " + handle.createQuery("""
						SELECT tenant_id, step, strategy, success, error_code, error_message FROM integration_log
						ORDER BY id DESC LIMIT 30""").mapToMap().list());
			});
		}
		catch (RuntimeException e) {
			System.out.println("--- no diagnostics from the database: " + e);
		}
	}
}

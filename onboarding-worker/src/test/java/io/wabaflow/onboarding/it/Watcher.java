package io.wabaflow.onboarding.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.onboarding.OnboardingEvent;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.serde.AvroDeserializer;
import io.wabaflow.testsupport.TestKafka;

/**
 * Reads what the worker publishes (command results, onboarding events, the registry, the work queue) from the
 * moment it starts, on a background thread, for tests to look at with Awaitility. One per JVM.
 */
final class Watcher {

	private static Watcher instance;

	final Queue<ConsumerRecord<String, SpecificRecord>> records = new ConcurrentLinkedQueue<>();

	private final Map<String, List<CommandResult>> results = new ConcurrentHashMap<>();

	private Watcher() {
		List<String> topics = List.of(Topics.COMMAND_RESULTS.name(), Topics.ONBOARDING_EVENTS.name(),
				Topics.PHONE_NUMBERS.name(), Topics.ONBOARDING_STEPS.name(), Topics.ONBOARDING_STEPS_DELAY_SHORT.name(),
				Topics.ONBOARDING_STEPS_DELAY_POLL.name(), Topics.ONBOARDING_STEPS_DELAY_LONG.name());
		KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new AvroDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			await().atMost(Duration.ofSeconds(30)).until(() -> consumer.partitionsFor(topic) != null
					&& !consumer.partitionsFor(topic).isEmpty());
			consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position); // resolve the end offsets now, before any test publishes
		Thread thread = new Thread(() -> {
			while (true) {
				consumer.poll(Duration.ofMillis(100)).forEach(record -> {
					records.add(record);
					if (record.value() instanceof CommandResult result) {
						results.computeIfAbsent(result.getCommandId(), id -> new CopyOnWriteArrayList<>()).add(result);
					}
				});
			}
		}, "it-watcher");
		thread.setDaemon(true);
		thread.start();
	}

	static synchronized Watcher get() {
		if (instance == null) {
			instance = new Watcher();
		}
		return instance;
	}

	List<CommandResult> results(String commandId) {
		return List.copyOf(results.getOrDefault(commandId, List.of()));
	}

	CommandResult awaitResult(String commandId, Predicate<CommandResult> which, Duration atMost) {
		await().atMost(atMost).until(() -> results(commandId).stream().anyMatch(which));
		return results(commandId).stream().filter(which).findFirst().orElseThrow();
	}

	List<OnboardingEvent> events(String tenantId) {
		return values(Topics.ONBOARDING_EVENTS.name(), OnboardingEvent.class, e -> tenantId.equals(e.getTenantId()));
	}

	List<PhoneNumberRegistration> registrations(String phoneNumberId) {
		return values(Topics.PHONE_NUMBERS.name(), PhoneNumberRegistration.class,
				r -> phoneNumberId.equals(r.getPhoneNumberId()));
	}

	/** How many work-queue records (continuations) were written on a topic for a flow. */
	long continuations(String topic, String onboardingId) {
		return records.stream().filter(r -> r.topic().equals(topic) && onboardingId.equals(r.key())).count();
	}

	long continuations(String topic) {
		return records.stream().filter(r -> r.topic().equals(topic)).count();
	}

	private <T> List<T> values(String topic, Class<T> type, Predicate<T> filter) {
		return records.stream().filter(r -> r.topic().equals(topic)).map(ConsumerRecord::value).filter(type::isInstance)
				.map(type::cast).filter(filter).toList();
	}
}

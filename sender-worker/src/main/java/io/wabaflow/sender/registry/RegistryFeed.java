package io.wabaflow.sender.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.sender.SenderProperties;

/**
 * Reads the compacted registry topic from its beginning into {@link NumberRegistry}, then follows it.
 *
 * <p>Not a {@code @KafkaListener} on purpose: the registry is a table, not a stream of work. It has no
 * consumer group (every instance needs every number, and committed offsets would skip what a fresh
 * instance never read), and the worker must not take a send command before it knows the number: start-up
 * reads the topic to the end it had when the worker started, and only then do the listener containers
 * (a later lifecycle phase) start consuming commands.
 */
@Component
class RegistryFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RegistryFeed.class);

	/** Before the listener containers (their default phase is {@code Integer.MAX_VALUE - 100}). */
	static final int PHASE = Integer.MAX_VALUE - 1000;

	private final NumberRegistry registry;

	private final KafkaProperties kafka;

	private final Duration catchUpTimeout;

	private volatile Consumer<String, SpecificRecord> consumer;

	private volatile Thread follower;

	private volatile boolean running;

	RegistryFeed(NumberRegistry registry, KafkaProperties kafka, SenderProperties properties) {
		this.registry = registry;
		this.kafka = kafka;
		this.catchUpTimeout = properties.getRecovery().getRegistryCatchUp();
	}

	@Override
	public void start() {
		Map<String, Object> configs = new HashMap<>(kafka.buildConsumerProperties());
		configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
		configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "sender-registry-" + Long.toHexString(System.nanoTime()));
		Consumer<String, SpecificRecord> created = new DefaultKafkaConsumerFactory<String, SpecificRecord>(configs)
				.createConsumer();
		List<TopicPartition> partitions = created.partitionsFor(Topics.PHONE_NUMBERS.name()).stream()
				.map(info -> new TopicPartition(info.topic(), info.partition())).toList();
		created.assign(partitions);
		created.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = created.endOffsets(partitions);
		long deadline = System.nanoTime() + catchUpTimeout.toNanos();
		try {
			while (!caughtUp(created, ends)) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("read " + registry.size() + " numbers, but not up to " + ends);
				}
				created.poll(Duration.ofMillis(200)).forEach(this::apply);
			}
		}
		catch (TimeoutException | RuntimeException e) {
			created.close();
			throw new IllegalStateException("Cannot read the phone-number registry " + Topics.PHONE_NUMBERS.name()
					+ " within " + catchUpTimeout + ": " + e.getMessage(), e);
		}
		log.info("Phone-number registry read: {} numbers", registry.size());
		consumer = created;
		running = true;
		follower = new Thread(this::follow, "sender-registry");
		follower.setDaemon(true);
		follower.start();
	}

	private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
	}

	private void follow() {
		try {
			while (running) {
				consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
			}
		}
		catch (WakeupException stopping) {
			// stop() woke the consumer up
		}
		catch (RuntimeException e) {
			log.error("The phone-number registry stopped following {}: {}", Topics.PHONE_NUMBERS.name(), e.toString());
		}
		finally {
			consumer.close();
		}
	}

	private void apply(ConsumerRecord<String, SpecificRecord> record) {
		if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
			log.warn("Skipping an undecodable registry record at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			return;
		}
		if (record.value() == null) {
			if (record.key() != null) {
				registry.remove(record.key()); // a tombstone: the number left the registry
			}
			return;
		}
		if (record.value() instanceof PhoneNumberRegistration registration) {
			registry.register(registration);
		}
		else {
			log.warn("Skipping a {} on the registry topic", record.value().getClass().getSimpleName());
		}
	}

	@Override
	public void stop() {
		running = false;
		Consumer<String, SpecificRecord> current = consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread thread = follower;
		if (thread != null) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}
}

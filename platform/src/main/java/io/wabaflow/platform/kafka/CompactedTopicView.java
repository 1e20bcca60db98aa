package io.wabaflow.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.serde.AvroDeserializer;

/**
 * Keeps a compacted topic materialised in memory: one thread reads every partition from the beginning
 * (no consumer group, nothing committed) and hands each record to {@code apply}, a tombstone as
 * {@code null}, then follows the topic, so a change written anywhere reaches this process within a poll.
 * Used for what every instance of a service needs at hand without a database: API keys, number owners.
 *
 * <p>A record that cannot be decoded is logged and skipped: the view is a cache of the topic, and one bad
 * record must not keep every other key from loading.
 */
public final class CompactedTopicView<V extends SpecificRecord> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final TopicSpec topic;

	private final Class<V> type;

	private final Map<String, Object> consumerConfig;

	private final BiConsumer<String, V> apply;

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private final AvroDeserializer avro = new AvroDeserializer();

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile boolean running;

	private Thread thread;

	/**
	 * @param bootstrapServers the brokers
	 * @param apply            called on the view's thread for each record in offset order; {@code null} value for
	 *                         a tombstone
	 */
	public CompactedTopicView(TopicSpec topic, Class<V> type, String bootstrapServers, Map<String, Object> extraConfig,
			BiConsumer<String, V> apply) {
		this.topic = topic;
		this.type = type;
		this.apply = apply;
		Map<String, Object> config = new HashMap<>(extraConfig);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wabaflow-view-" + topic.name() + "-" + Integer.toHexString(System.identityHashCode(this)));
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerConfig = config;
	}

	/**
	 * The consumer settings of a service (security, timeouts) for a view: without group and deserializers,
	 * which a view sets itself.
	 */
	public static Map<String, Object> settingsOf(KafkaProperties kafka) {
		Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
		consumer.keySet().removeIf(key -> key.startsWith("spring.deserializer") || key.endsWith(".deserializer")
				|| key.equals(ConsumerConfig.GROUP_ID_CONFIG));
		return consumer;
	}

	/** Starts following the topic; {@link #awaitCaughtUp} tells when what was there at start has been read. */
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		thread = new Thread(this::run, "view-" + topic.name());
		thread.setDaemon(true);
		thread.start();
	}

	/** Whether the records that were on the topic when the view started have all been applied. */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public boolean caughtUp() {
		return caughtUp.getCount() == 0;
	}

	private void run() {
		while (running) {
			try (KafkaConsumer<String, byte[]> current = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
					new ByteArrayDeserializer())) {
				consumer = current;
				follow(current);
			}
			catch (WakeupException stopping) {
				return;
			}
			catch (RuntimeException e) {
				if (!running) {
					return;
				}
				log.warn("Reading {} failed, starting over: {}", topic.name(), e.toString());
				sleepBeforeRetry(); // only this view's own daemon thread waits, never a listener
			}
		}
	}

	private void follow(KafkaConsumer<String, byte[]> current) {
		List<TopicPartition> partitions = partitions(current);
		current.assign(partitions);
		current.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = current.endOffsets(partitions);
		while (running) {
			for (ConsumerRecord<String, byte[]> record : current.poll(POLL)) {
				V value;
				try {
					value = avro.deserialize(record.topic(), record.value(), type);
				}
				catch (RuntimeException undecodable) {
					log.warn("Skipped an undecodable record of {} at {}-{}@{}: {}", topic.name(), record.topic(),
							record.partition(), record.offset(), undecodable.getMessage());
					continue;
				}
				apply.accept(record.key(), value);
			}
			if (!caughtUp() && ends.entrySet().stream().allMatch(end -> current.position(end.getKey()) >= end.getValue())) {
				caughtUp.countDown();
			}
		}
	}

	private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> current) {
		while (running) {
			var infos = current.partitionsFor(topic.name(), Duration.ofSeconds(10));
			if (infos != null && !infos.isEmpty()) {
				return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
			}
			log.info("Waiting for topic {} to exist", topic.name());
			sleepBeforeRetry();
		}
		throw new WakeupException();
	}

	private void sleepBeforeRetry() {
		try {
			TimeUnit.SECONDS.sleep(1);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	@Override
	public synchronized void close() {
		running = false;
		KafkaConsumer<String, byte[]> current = consumer;
		if (current != null) {
			current.wakeup();
		}
		if (thread != null) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}

package io.wabaflow.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.wabaflow.schemas.serde.AvroDeserializer;

/**
 * Follows a topic from its end at the moment of creation (so it sees only what the benchmark causes), without a
 * consumer group, handing every decoded value to a handler on its own thread.
 */
final class TopicWatch implements AutoCloseable {

	private final KafkaConsumer<String, SpecificRecord> consumer;

	private final Thread thread;

	TopicWatch(String topic, Consumer<SpecificRecord> handler) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new AvroDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
				.map(p -> new TopicPartition(topic, p.partition())).toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
		thread = new Thread(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					consumer.poll(Duration.ofMillis(500)).forEach(record -> handler.accept(record.value()));
				}
			}
			catch (WakeupException closing) {
				// close() woke it up
			}
			finally {
				consumer.close();
			}
		}, "watch-" + topic);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws InterruptedException {
		consumer.wakeup();
		thread.join(10_000);
	}
}

package io.wabaflow.ingress.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.wabaflow.schemas.serde.AvroDeserializer;

/** Reads a topic of the real broker from its beginning, as a fresh consumer would. */
final class Topic {

	private final String bootstrapServers;

	private final String name;

	Topic(String bootstrapServers, String name) {
		this.bootstrapServers = bootstrapServers;
		this.name = name;
	}

	/** Records on the topic so far (sum of the partitions' end offsets). */
	long endOffsetSum() {
		try (KafkaConsumer<String, SpecificRecord> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
					.map(p -> new TopicPartition(name, p.partition())).toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/** Every record currently on the topic that matches. */
	<T extends SpecificRecord> List<ConsumerRecord<String, T>> all(Class<T> type, Predicate<T> filter) {
		List<ConsumerRecord<String, T>> found = new ArrayList<>();
		try (KafkaConsumer<String, SpecificRecord> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
					.map(p -> new TopicPartition(name, p.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Could not read " + name + " to its end");
				}
				for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
					if (type.isInstance(record.value()) && filter.test(type.cast(record.value()))) {
						@SuppressWarnings("unchecked")
						ConsumerRecord<String, T> typed = (ConsumerRecord<String, T>) (ConsumerRecord<String, ?>) record;
						found.add(typed);
					}
				}
			}
		}
		return found;
	}

	private KafkaConsumer<String, SpecificRecord> consumer() {
		return new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "ingress-it-reader-" + UUID.randomUUID(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new AvroDeserializer());
	}

	static String describe(List<? extends ConsumerRecord<String, ?>> records) {
		return records.stream().map(r -> r.key() + "=" + r.value()).collect(Collectors.joining("\n"));
	}
}

package io.wabaflow.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wabaflow.schemas.serde.AvroSerializer;

/** The few broker questions the benchmarks ask, and a producer configured as the services' are. */
final class Kafka implements AutoCloseable {

	private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka()));

	/** A fast, durable producer: acks=all, lz4, 256 KiB batches, as the ingress's. */
	static KafkaProducer<String, SpecificRecord> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
				ProducerConfig.BATCH_SIZE_CONFIG, 262_144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new AvroSerializer());
	}

	Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
		try {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
					.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException("cannot read end offsets of " + topics, e);
		}
	}

	static long sum(Map<TopicPartition, Long> offsets) {
		return offsets.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Whether the group has committed every partition up to these offsets. */
	boolean caughtUp(String group, Map<TopicPartition, Long> ends) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || (committed.get(end.getKey()) != null
					&& committed.get(end.getKey()).offset() >= end.getValue()));
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException("cannot read the offsets of " + group, e);
		}
	}

	boolean exists(String topic) {
		try {
			return admin.listTopics().names().get().contains(topic);
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException(e);
		}
	}

	void create(String topic, int partitions) {
		try {
			if (!exists(topic)) {
				admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1))).all().get();
			}
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException("cannot create " + topic, e);
		}
	}

	@Override
	public void close() {
		admin.close();
	}
}

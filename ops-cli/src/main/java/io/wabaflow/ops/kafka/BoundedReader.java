package io.wabaflow.ops.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from chosen offsets up to the end offsets it had when the read began, so a command over
 * a busy topic finishes. Reads by assignment: no consumer group, no committed offsets, no lag changed.
 */
public final class BoundedReader {

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

	private final KafkaConsumer<byte[], byte[]> consumer;

	public BoundedReader(KafkaConsumer<byte[], byte[]> consumer) {
		this.consumer = consumer;
	}

	public List<TopicPartition> partitions(String topic) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
		if (infos == null || infos.isEmpty()) {
			throw new IllegalArgumentException("Topic " + topic + " does not exist (see `wabaflow topics`)");
		}
		return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
	}

	public Map<TopicPartition, Long> beginning(String topic) {
		return consumer.beginningOffsets(partitions(topic));
	}

	public Map<TopicPartition, Long> end(String topic) {
		return consumer.endOffsets(partitions(topic));
	}

	/** The first offset at or after the instant in each partition (the end when there is none). */
	public Map<TopicPartition, Long> since(String topic, Instant instant) {
		List<TopicPartition> partitions = partitions(topic);
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach(tp -> query.put(tp, instant.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		Map<TopicPartition, Long> offsets = new HashMap<>();
		partitions.forEach(tp -> offsets.put(tp, found.get(tp) == null ? end.get(tp) : found.get(tp).offset()));
		return offsets;
	}

	/**
	 * Calls the visitor for each record from the given offsets to the current end, in partition order of
	 * arrival; stops early when the visitor returns false.
	 */
	public void read(Map<TopicPartition, Long> from, Predicate<ConsumerRecord<byte[], byte[]>> visitor) {
		Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
		Map<TopicPartition, Long> remaining = new HashMap<>();
		from.forEach((tp, offset) -> {
			if (offset < end.get(tp)) {
				remaining.put(tp, end.get(tp));
			}
		});
		if (remaining.isEmpty()) {
			return;
		}
		consumer.assign(remaining.keySet());
		remaining.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
		Instant lastProgress = Instant.now();
		while (!remaining.isEmpty()) {
			var records = consumer.poll(POLL);
			if (records.isEmpty()) {
				// transaction markers occupy offsets without records; the position tells where we are
				remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
				if (Duration.between(lastProgress, Instant.now()).compareTo(STALL_LIMIT) > 0) {
					throw new IllegalStateException("No progress reading " + remaining.keySet() + " for " + STALL_LIMIT);
				}
				continue;
			}
			lastProgress = Instant.now();
			for (ConsumerRecord<byte[], byte[]> record : records) {
				TopicPartition tp = new TopicPartition(record.topic(), record.partition());
				Long stopAt = remaining.get(tp);
				if (stopAt == null || record.offset() >= stopAt) {
					continue;
				}
				if (!visitor.test(record)) {
					return;
				}
				if (record.offset() + 1 >= stopAt) {
					remaining.remove(tp);
				}
			}
			remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
			consumer.assign(remaining.keySet());
		}
	}
}

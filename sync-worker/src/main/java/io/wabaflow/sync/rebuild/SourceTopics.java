package io.wabaflow.sync.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import io.wabaflow.schemas.Topics;

/**
 * The topics the projections are built from, and what the broker says about them: their end offsets
 * and how far a generation's consumer group has committed. Thread-safe.
 */
@Component
public class SourceTopics implements DisposableBean {

	/** Everything a projection is a function of. All are kept forever (or compacted), so a replay sees it all. */
	public static final List<String> NAMES = List.of(Topics.WEBHOOKS.name(), Topics.MESSAGE_EVENTS.name(),
			Topics.PHONE_NUMBERS.name(), Topics.MEDIA_EVENTS.name());

	private final KafkaAdmin kafkaAdmin;

	private volatile Admin admin;

	SourceTopics(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	/** End offsets of every source partition, keyed {@code "<topic>:<partition>"}. */
	public Map<String, Long> endOffsets() {
		try {
			Map<String, TopicDescription> topics = admin().describeTopics(NAMES).allTopicNames().get();
			List<TopicPartition> partitions = new ArrayList<>();
			topics.values().forEach(topic -> topic.partitions()
					.forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all().get();
			Map<String, Long> offsets = new TreeMap<>();
			ends.forEach((tp, info) -> offsets.put(key(tp), info.offset()));
			return offsets;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("Cannot read the end offsets of " + NAMES, e.getCause());
		}
	}

	/** Offsets a consumer group committed, keyed {@code "<topic>:<partition>"}. */
	public Map<String, Long> committed(String groupId) {
		try {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(groupId)
					.partitionsToOffsetAndMetadata().get();
			Map<String, Long> committed = new TreeMap<>();
			offsets.forEach((tp, offset) -> {
				if (offset != null) {
					committed.put(key(tp), offset.offset());
				}
			});
			return committed;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("Cannot read the offsets of group " + groupId, e.getCause());
		}
	}

	void deleteGroup(String groupId) {
		try {
			admin().deleteConsumerGroups(List.of(groupId)).all().get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException notDeleted) {
			// no such group (never consumed) or still has members: nothing to keep, nothing to fail on
		}
	}

	static String key(TopicPartition partition) {
		return partition.topic() + ":" + partition.partition();
	}

	private Admin admin() {
		Admin current = admin;
		if (current == null) {
			synchronized (this) {
				current = admin;
				if (current == null) {
					current = Admin.create(kafkaAdmin.getConfigurationProperties());
					admin = current;
				}
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		Admin current = admin;
		if (current != null) {
			current.close();
		}
	}
}

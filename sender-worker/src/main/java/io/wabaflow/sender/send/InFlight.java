package io.wabaflow.sender.send;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.wabaflow.schemas.Topics;

/**
 * The sends this instance holds in memory (queued in a lane, being claimed, called or settled), counted
 * per command partition, and the partitions it owns. Bounded: when a partition holds
 * {@code maxPerPartition} sends its consumption is paused, and resumed at half, so memory stays bounded
 * while other partitions, and all numbers already in memory, keep flowing. The rows are in the database
 * meanwhile, so nothing is lost when a partition is paused or the process dies.
 */
final class InFlight {

	private static final Logger log = LoggerFactory.getLogger(InFlight.class);

	private final Map<String, Work> works = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> perPartition = new ConcurrentHashMap<>();

	private final Set<Integer> paused = ConcurrentHashMap.newKeySet();

	private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

	private final KafkaListenerEndpointRegistry containers;

	private final int maxPerPartition;

	InFlight(KafkaListenerEndpointRegistry containers, int maxPerPartition) {
		this.containers = containers;
		this.maxPerPartition = maxPerPartition;
	}

	/** Takes a send into memory unless it already is (a duplicate, a wake-up racing a recovery sweep). */
	boolean admit(Work work) {
		if (works.putIfAbsent(work.commandId(), work) != null) {
			return false;
		}
		int count = perPartition.computeIfAbsent(work.partition(), p -> new AtomicInteger()).incrementAndGet();
		if (count >= maxPerPartition && paused.add(work.partition())) {
			container().ifPresent(c -> c.pausePartition(partition(work.partition())));
			log.info("Command partition {} paused: {} sends in memory", work.partition(), count);
		}
		return true;
	}

	/** The send left memory: settled, handed to a retry topic, or dropped for recovery to find again. */
	void release(String commandId) {
		Work work = works.remove(commandId);
		if (work == null) {
			return;
		}
		int count = perPartition.get(work.partition()).decrementAndGet();
		if (count <= maxPerPartition / 2 && paused.remove(work.partition())) {
			container().ifPresent(c -> c.resumePartition(partition(work.partition())));
			log.info("Command partition {} resumed: {} sends in memory", work.partition(), count);
		}
	}

	boolean holds(String commandId) {
		return works.containsKey(commandId);
	}

	int size() {
		return works.size();
	}

	void assigned(Collection<Integer> partitions) {
		owned.addAll(partitions);
	}

	void revoked(Collection<Integer> partitions) {
		owned.removeAll(partitions);
		partitions.forEach(paused::remove);
	}

	Set<Integer> owned() {
		return Set.copyOf(owned);
	}

	private java.util.Optional<MessageListenerContainer> container() {
		return java.util.Optional.ofNullable(containers.getListenerContainer(SendCommandListener.ID));
	}

	private static TopicPartition partition(int partition) {
		return new TopicPartition(Topics.SEND_COMMANDS.name(), partition);
	}
}

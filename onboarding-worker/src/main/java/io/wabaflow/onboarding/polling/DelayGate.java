package io.wabaflow.onboarding.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.listener.KafkaBackoffException;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Holds a delay topic's partition until its head record is due, without a sleeping thread: the partition is
 * paused, a scheduler resumes it at the due time, and a {@link KafkaBackoffException} makes the container seek the
 * record back (Spring's {@code ContainerPartitionPausingBackOffManager} mechanism, here on the injected clock and
 * on our own not-before time). Every record of a tier topic has the same delay, so the head is always the
 * earliest due: pausing for it delays nobody.
 */
@Component
class DelayGate {

	private final ListenerContainerRegistry registry;

	private final ListenerContainerPauseService pauses;

	private final Clock clock;

	DelayGate(ListenerContainerRegistry registry, @Qualifier("wabaflowKafkaBackOffScheduler") TaskScheduler scheduler,
			Clock clock) {
		this.registry = registry;
		this.pauses = new ListenerContainerPauseService(registry, scheduler);
		this.clock = clock;
	}

	/** Returns when the record is due; otherwise pauses its partition and throws. */
	void await(String listenerId, ConsumerRecord<?, ?> record, Instant notBefore) {
		long wait = notBefore.toEpochMilli() - clock.millis();
		if (wait <= 0) {
			return;
		}
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		MessageListenerContainer container = registry.getListenerContainer(listenerId);
		if (container == null) {
			throw new IllegalStateException("No listener container " + listenerId);
		}
		pauses.pausePartition(container, partition, Duration.ofMillis(wait));
		throw new KafkaBackoffException("Partition " + partition + " is not due for " + wait + " ms", partition,
				listenerId, notBefore.toEpochMilli());
	}
}

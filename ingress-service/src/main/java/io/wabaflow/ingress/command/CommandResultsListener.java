package io.wabaflow.ingress.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandResult;

/**
 * Reads every command result, in every ingress instance: the request waiting for an outcome may sit in
 * any instance. So no consumer group: all partitions are assigned manually and no offsets are committed
 * (spring-kafka switches a group-less manual assignment to manual acks). On start it goes back over the
 * outcome window, so the status URL knows recent outcomes after a restart too.
 * (Public only for the SpEL expression that lists the partitions.)
 */
public class CommandResultsListener implements ConsumerSeekAware {

	private final CommandOutcomes outcomes;

	private final Clock clock;

	private final Duration window;

	CommandResultsListener(CommandOutcomes outcomes, Clock clock, Duration window) {
		this.outcomes = outcomes;
		this.clock = clock;
		this.window = window;
	}

	/** Every partition of the results topic, as the catalogue creates it. */
	public static String[] partitions() {
		return IntStream.range(0, Topics.COMMAND_RESULTS.partitions()).mapToObj(Integer::toString)
				.toArray(String[]::new);
	}

	@KafkaListener(id = "ingress-command-results", idIsGroup = false, containerFactory = "commandResultsContainerFactory",
			topicPartitions = @org.springframework.kafka.annotation.TopicPartition(
					topic = "#{T(io.wabaflow.schemas.Topics).COMMAND_RESULTS.name()}",
					partitions = "#{T(io.wabaflow.ingress.command.CommandResultsListener).partitions()}"))
	void on(CommandResult result) {
		outcomes.record(result);
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		callback.seekToTimestamp(assignments.keySet(), clock.millis() - window.toMillis());
	}
}

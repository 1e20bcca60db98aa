package io.wabaflow.sender.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.serde.AvroDeserializer;

/**
 * Everything the sender publishes on the message-events, command-results and media-events topics from the moment the tap
 * starts, by command id. One background consumer without a group (assigned partitions, from the end).
 */
final class EventTap implements AutoCloseable {

	private final Map<String, List<MessageEvent>> events = new ConcurrentHashMap<>();

	private final Map<String, List<CommandResult>> results = new ConcurrentHashMap<>();

	private final Map<String, List<MediaEvent>> media = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, SpecificRecord> consumer;

	private final Thread thread;

	private volatile boolean running = true;

	EventTap(String bootstrapServers) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
				new org.apache.kafka.common.serialization.Deserializer<SpecificRecord>() {
					private final AvroDeserializer avro = new AvroDeserializer();

					@Override
					public SpecificRecord deserialize(String topic, byte[] data) {
						return avro.deserialize(topic, data);
					}
				});
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(Topics.MESSAGE_EVENTS.name(), Topics.COMMAND_RESULTS.name(), Topics.MEDIA_EVENTS.name())) {
			consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position); // resolve "the end" now, before any test produces
		thread = new Thread(this::run, "event-tap");
		thread.setDaemon(true);
		thread.start();
	}

	private void run() {
		try {
			while (running) {
				consumer.poll(Duration.ofMillis(100)).forEach(record -> {
					if (record.value() instanceof MessageEvent event) {
						events.computeIfAbsent(event.getCommandId(), k -> new CopyOnWriteArrayList<>()).add(event);
					}
					else if (record.value() instanceof CommandResult result) {
						results.computeIfAbsent(result.getCommandId(), k -> new CopyOnWriteArrayList<>()).add(result);
					}
					else if (record.value() instanceof MediaEvent event) {
						media.computeIfAbsent(event.getMediaId(), k -> new CopyOnWriteArrayList<>()).add(event);
					}
				});
			}
		}
		catch (org.apache.kafka.common.errors.WakeupException stopping) {
			// closed
		}
		finally {
			consumer.close();
		}
	}

	List<MessageEvent> events(String commandId) {
		return List.copyOf(events.getOrDefault(commandId, List.of()));
	}

	List<CommandResult> results(String commandId) {
		return List.copyOf(results.getOrDefault(commandId, List.of()));
	}

	/** The media events of a media id (Meta's), in the order they were published. */
	List<MediaEvent> media(String mediaId) {
		return List.copyOf(media.getOrDefault(mediaId, List.of()));
	}

	@Override
	public void close() {
		running = false;
		consumer.wakeup();
	}
}

package io.wabaflow.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Headers;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.ops.Redrive;
import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * The record of what was re-driven: the compacted topic {@code wabaflow.ops.redrives.v1}, one entry per
 * source record ({@code <topic>/<partition>/<offset>}), written in the same Kafka transaction as the
 * re-published record. Re-driving again skips everything already there.
 */
public final class RedriveLedger {

	private static final AvroSerializer SERIALIZER = new AvroSerializer();

	private RedriveLedger() {
	}

	/** Coordinates of every record re-driven so far. */
	public static Set<String> read(KafkaConsumer<byte[], byte[]> consumer) {
		Set<String> done = new HashSet<>();
		BoundedReader reader = new BoundedReader(consumer);
		reader.read(reader.beginning(Topics.OPS_REDRIVES.name()), record -> {
			if (record.key() != null && record.value() != null) {
				done.add(new String(record.key(), StandardCharsets.UTF_8));
			}
			return true;
		});
		return done;
	}

	/** Notes, inside the producer's open transaction, that a source record became {@code published} records. */
	public static void note(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> source,
			String targetTopic, int published) {
		Redrive redrive = Redrive.newBuilder().setSourceTopic(source.topic()).setSourcePartition(source.partition())
				.setSourceOffset(source.offset()).setTargetTopic(targetTopic).setRecordsPublished(published)
				.setRedrivenAt(Instant.now()).build();
		producer.send(new ProducerRecord<>(Topics.OPS_REDRIVES.name(),
				Headers.coordinates(source).getBytes(StandardCharsets.UTF_8),
				SERIALIZER.serialize(Topics.OPS_REDRIVES.name(), redrive)));
	}
}

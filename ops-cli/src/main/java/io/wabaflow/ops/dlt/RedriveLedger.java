package io.wabaflow.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Headers;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.ops.Redrive;
import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * The record of what was re-driven: the compacted topic {@code wabaflow.ops.redrives.v1}, one entry per
 * source record ({@code <topic>/<partition>/<offset>}), written in the same Kafka transaction as the
 * re-published records. Re-driving again skips everything the ledger holds.
 *
 * <p>An executing re-drive first initialises its transactional producer, then reads the ledger: Kafka
 * acknowledges a commit before it has written the commit markers, and initialising the same transactional
 * id waits until the previous run's transaction is complete — so the ledger read afterwards sees it.
 * Without that, two runs in quick succession could publish the same record twice.
 */
public final class RedriveLedger implements AutoCloseable {

	private static final AvroSerializer SERIALIZER = new AvroSerializer();

	private static final int TRANSACTION_SIZE = 500;

	private final KafkaProducer<byte[], byte[]> producer;

	private final Set<String> done;

	private RedriveLedger(KafkaProducer<byte[], byte[]> producer, Set<String> done) {
		this.producer = producer;
		this.done = done;
	}

	/** A ledger to re-drive with ({@code execute}) or only to look at. */
	public static RedriveLedger open(KafkaOptions kafka, boolean execute) {
		KafkaProducer<byte[], byte[]> producer = null;
		if (execute) {
			producer = kafka.transactionalWriter();
			producer.initTransactions();
		}
		try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
			return new RedriveLedger(producer, read(consumer));
		}
	}

	public boolean redriven(ConsumerRecord<?, ?> source) {
		return done.contains(Headers.coordinates(source));
	}

	/** What one source record becomes. */
	public record Redrive(ConsumerRecord<byte[], byte[]> source, String targetTopic, List<ProducerRecord<byte[], byte[]>> records) {
	}

	/** Publishes each source's records together with its ledger entry, transaction by transaction. */
	public void publish(List<Redrive> redrives) {
		if (producer == null) {
			throw new IllegalStateException("opened without execute");
		}
		for (int from = 0; from < redrives.size(); from += TRANSACTION_SIZE) {
			producer.beginTransaction();
			try {
				for (Redrive redrive : redrives.subList(from, Math.min(redrives.size(), from + TRANSACTION_SIZE))) {
					redrive.records().forEach(producer::send);
					note(redrive);
					done.add(Headers.coordinates(redrive.source()));
				}
				producer.commitTransaction();
			}
			catch (RuntimeException e) {
				producer.abortTransaction();
				throw e;
			}
		}
	}

	@Override
	public void close() {
		if (producer != null) {
			producer.close();
		}
	}

	static Set<String> read(KafkaConsumer<byte[], byte[]> consumer) {
		Set<String> coordinates = new HashSet<>();
		BoundedReader reader = new BoundedReader(consumer);
		reader.read(reader.beginning(Topics.OPS_REDRIVES.name()), record -> {
			if (record.key() != null && record.value() != null) {
				coordinates.add(new String(record.key(), StandardCharsets.UTF_8));
			}
			return true;
		});
		return coordinates;
	}

	private void note(Redrive redrive) {
		ConsumerRecord<byte[], byte[]> source = redrive.source();
		io.wabaflow.schemas.ops.Redrive entry = io.wabaflow.schemas.ops.Redrive.newBuilder()
				.setSourceTopic(source.topic()).setSourcePartition(source.partition()).setSourceOffset(source.offset())
				.setTargetTopic(redrive.targetTopic()).setRecordsPublished(redrive.records().size())
				.setRedrivenAt(Instant.now()).build();
		producer.send(new ProducerRecord<>(Topics.OPS_REDRIVES.name(),
				Headers.coordinates(source).getBytes(StandardCharsets.UTF_8),
				SERIALIZER.serialize(Topics.OPS_REDRIVES.name(), entry)));
	}
}

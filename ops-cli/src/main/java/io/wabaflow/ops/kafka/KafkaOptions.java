package io.wabaflow.ops.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import picocli.CommandLine.Option;

/** The connection options every command shares (a picocli mixin). */
public final class KafkaOptions {

	@Option(names = {"-b", "--bootstrap-servers"}, defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
			description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
	String bootstrapServers;

	public String bootstrapServers() {
		return bootstrapServers;
	}

	public Admin admin() {
		return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
				CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
	}

	/** A consumer without a group: it reads by assignment and commits nothing, so it changes no lag. */
	public KafkaConsumer<byte[], byte[]> reader() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// never show (or re-drive on the strength of) records of an aborted re-drive transaction
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wabaflow-ops-" + UUID.randomUUID());
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * A transactional producer of raw bytes: a re-published record and the note that it was re-published
	 * commit together, so a crash in between cannot re-drive it twice.
	 */
	public KafkaProducer<byte[], byte[]> transactionalWriter() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "wabaflow-ops-redrive");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.wabaflow.schemas.TopicSpec.MAX_MESSAGE_BYTES);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}
}

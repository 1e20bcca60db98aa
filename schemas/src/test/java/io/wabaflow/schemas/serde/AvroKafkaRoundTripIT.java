package io.wabaflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.SampleRecords;
import io.wabaflow.testsupport.TestKafka;

/** Every Avro record type goes through the real broker with the project's serde and comes back equal. */
class AvroKafkaRoundTripIT {

	@Test
	void everyRecordTypeRoundTripsThroughTheBroker() throws Exception {
		String bootstrap = TestKafka.bootstrapServers();
		String topic = "roundtrip-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		List<SpecificRecord> sent = SampleRecords.all();

		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new AvroSerializer())) {
			for (SpecificRecord record : sent) {
				producer.send(new ProducerRecord<>(topic, record.getSchema().getName(), record)).get();
			}
		}

		List<SpecificRecord> received = new ArrayList<>();
		try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new AvroDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
				return received.size() >= sent.size();
			});
		}

		assertThat(received).containsExactlyElementsOf(sent);
		System.out.printf("Round-tripped %d Avro records through the %s broker at %s%n", received.size(),
				TestKafka.kind(), bootstrap);
	}
}

package io.wabaflow.ingress.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.testsupport.TestKafka;

/** Writes a number to the registry topic, as the onboarding worker does when a flow completes. */
final class Registry {

	private Registry() {
	}

	static void register(String phoneNumberId, String tenantId) throws Exception {
		Instant now = Instant.now();
		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(),
				new AvroSerializer())) {
			producer.send(new ProducerRecord<>(Topics.PHONE_NUMBERS.name(), phoneNumberId,
					PhoneNumberRegistration.newBuilder().setPhoneNumberId(phoneNumberId).setTenantId(tenantId)
							.setWabaId("waba-of-" + tenantId).setNumberType(NumberType.CLOUD).setStatus(NumberStatus.ACTIVE)
							.setEncryptedAccessToken(ByteBuffer.wrap(new byte[] { 1 })).setOnboardedAt(now).setUpdatedAt(now)
							.build())).get();
		}
	}
}

package io.wabaflow.ingress.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
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
		createRegistryTopic();
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

	/**
	 * The registry topic as the onboarding worker creates it, unless it exists: a test class registering a number before
	 * its ingress starts (which creates the topics) must not depend on another test class having run first.
	 */
	private static void createRegistryTopic() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(Topics.PHONE_NUMBERS.name(), Topics.PHONE_NUMBERS.partitions(),
					(short) 1).configs(Topics.PHONE_NUMBERS.configs()))).all().get();
		}
		catch (ExecutionException e) {
			if (!(e.getCause() instanceof TopicExistsException)) {
				throw e;
			}
		}
	}
}

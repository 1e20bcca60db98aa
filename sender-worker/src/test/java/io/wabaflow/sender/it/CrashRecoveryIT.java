package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.serde.AvroDeserializer;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.sender.SenderWorkerApplication;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendHooks;
import io.wabaflow.sender.send.SendState;
import io.wabaflow.sender.send.SendStore;
import io.wabaflow.testsupport.TestKafka;
import io.wabaflow.testsupport.TestPostgres;

/**
 * "The worker dies between the Graph call and recording its answer", for real: a worker whose seam after
 * the call never lets the answer through is stopped (its Spring context closed) while the row says
 * INTENDED, and a fresh worker starts on the same database and topics, and even receives the command again.
 * The sandbox must have received the message exactly once. With the default policy the send is settled
 * UNKNOWN; with {@code resend} it is sent again (the duplicate that policy accepts). Its own broker, so that
 * these workers' consumer groups never meet the shared test context's.
 */
class CrashRecoveryIT {

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void broker() {
		broker = TestKafka.startEmbedded();
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void aCommandRedeliveredAfterACrashBetweenCallAndRecordIsNotSentTwiceAndEndsUnknown() throws Exception {
		Crash crash = crashAfterTheCall("mark-unknown");

		try (ConfigurableApplicationContext restarted = worker(crash.database, "mark-unknown", null)) {
			send(crash.command); // the command arrives again (a redelivery, a retrying client)
			SendStore store = restarted.getBean(SendStore.class);
			Send row = await().atMost(Duration.ofSeconds(30)).until(() -> store.find(crash.commandId()).orElseThrow(),
					send -> send.state().settled());
			assertThat(row.state()).isEqualTo(SendState.UNKNOWN);
			assertThat(row.reason()).isEqualTo("IN_DOUBT");
			assertThat(row.attempt()).isEqualTo(1);
			assertThat(SenderScenario.accepted(crash.phone)).hasSize(1);
			assertThat(SenderScenario.messageCalls(crash.phone)).hasSize(1);

			List<SpecificRecord> published = readAll(crash.commandId());
			assertThat(published).filteredOn(MessageEvent.class::isInstance).map(r -> ((MessageEvent) r).getStatus())
					.contains(OutboundStatus.ACCEPTED, OutboundStatus.UNKNOWN).doesNotContain(OutboundStatus.SENT);
			CommandResult result = (CommandResult) published.stream().filter(CommandResult.class::isInstance)
					.findFirst().orElseThrow();
			assertThat(result.getOutcome()).isEqualTo(CommandOutcome.UNKNOWN);
			assertThat(result.getHttpStatus()).isEqualTo(202);
			assertThat(result.getErrorCode()).isEqualTo("IN_DOUBT");
		}
	}

	@Test
	void withTheResendPolicyTheInDoubtSendIsSentAgain() throws Exception {
		Crash crash = crashAfterTheCall("resend");

		try (ConfigurableApplicationContext restarted = worker(crash.database, "resend", null)) {
			SendStore store = restarted.getBean(SendStore.class);
			Send row = await().atMost(Duration.ofSeconds(30)).until(() -> store.find(crash.commandId()).orElseThrow(),
					send -> send.state().settled());
			assertThat(row.state()).isEqualTo(SendState.SENT);
			assertThat(row.attempt()).isEqualTo(2);
			// the price of that policy: Meta has no idempotency key, the user got it twice
			assertThat(SenderScenario.accepted(crash.phone)).hasSize(2);
		}
	}

	private record Crash(TestPostgres.TestDatabase database, String phone, SendMessage command) {

		String commandId() {
			return command.getCommandId();
		}
	}

	/** Starts a worker, lets it call Meta for one command, and stops it before it records the answer. */
	private Crash crashAfterTheCall(String policy) throws Exception {
		TestPostgres.TestDatabase database = TestPostgres.newDatabase("crash");
		String business = SenderScenario.SCENARIO.createBusiness("Crash " + UUID.randomUUID());
		String waba = SenderScenario.SCENARIO.createWaba(business, true);
		String phone = SenderScenario.SCENARIO.createCloudNumber(waba, "+55 11 4999-0001", true);
		String token = SenderScenario.SCENARIO.businessToken(business);
		// of the tenant this test registers the number to (below), as onboarding would
		SendMessage command = SendMessage.newBuilder(SenderScenario.template(phone, SenderScenario.newUser()))
				.setTenantId(business).build();
		CountDownLatch answered = new CountDownLatch(1);
		SendHooks stuck = new SendHooks() {
			@Override
			public CompletableFuture<Void> afterCall(String commandId) {
				answered.countDown();
				return new CompletableFuture<>(); // never: the answer is never recorded
			}
		};
		try (ConfigurableApplicationContext first = worker(database, policy, stuck)) {
			register(first.getBean(TokenCipher.class), phone, waba, business, token);
			send(command);
			assertThat(answered.await(30, TimeUnit.SECONDS)).as("the Graph call was made").isTrue();
			assertThat(first.getBean(SendStore.class).find(command.getCommandId()).orElseThrow().state())
					.isEqualTo(SendState.INTENDED);
		} // the worker is gone
		assertThat(SenderScenario.accepted(phone)).hasSize(1);
		return new Crash(database, phone, command);
	}

	private static ConfigurableApplicationContext worker(TestPostgres.TestDatabase database, String policy,
			SendHooks hooks) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("server.port", "0");
		properties.put("wabaflow.sender.graph.base-url", SenderScenario.SANDBOX.baseUrl());
		properties.put("wabaflow.sender.graph.version", SenderScenario.SANDBOX.settings().graphVersion());
		properties.put("wabaflow.sender.in-doubt-policy", policy);
		return new SpringApplicationBuilder(SenderWorkerApplication.class).profiles("it")
				.initializers(context -> {
					context.getEnvironment().getPropertySources()
							.addFirst(new org.springframework.core.env.MapPropertySource("crash-it", properties));
					// the other ITs' test configurations live in this package: not part of this worker
					context.getBeanFactory().registerSingleton("itExclusion", new TypeExcludeFilter() {
						@Override
						public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
							return reader.getClassMetadata().getClassName().startsWith("io.wabaflow.sender.it.");
						}
					});
					if (hooks != null) {
						context.getBeanFactory().registerSingleton("crashHooks", hooks);
					}
				}).run();
	}

	private static void register(TokenCipher cipher, String phone, String waba, String tenant, String token)
			throws Exception {
		Instant now = Instant.now();
		produce(Topics.PHONE_NUMBERS.name(), phone, PhoneNumberRegistration.newBuilder().setPhoneNumberId(phone)
				.setTenantId(tenant).setWabaId(waba).setNumberType(NumberType.CLOUD).setStatus(NumberStatus.ACTIVE)
				.setEncryptedAccessToken(java.nio.ByteBuffer.wrap(cipher.encrypt(token, phone))).setOnboardedAt(now)
				.setUpdatedAt(now).build());
	}

	private static void send(SendMessage command) throws Exception {
		produce(Topics.SEND_COMMANDS.name(), command.getPhoneNumberId(), command);
	}

	private static void produce(String topic, String key, SpecificRecord value) throws Exception {
		try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
				new AvroSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}

	/** What the workers published about a command, from the beginning of both topics. */
	private static List<SpecificRecord> readAll(String commandId) {
		List<SpecificRecord> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "crash-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.MESSAGE_EVENTS.name(), Topics.COMMAND_RESULTS.name()));
			AvroDeserializer avro = new AvroDeserializer();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					SpecificRecord value = avro.deserialize(record.topic(), record.value());
					if (value instanceof MessageEvent event && commandId.equals(event.getCommandId())
							|| value instanceof CommandResult result && commandId.equals(result.getCommandId())) {
						found.add(value);
					}
				});
				return found.stream().anyMatch(CommandResult.class::isInstance);
			});
		}
		return found;
	}
}

package io.wabaflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.io.TempDir;

/** The devstack's broker and database are real, keep their data across restarts, and refuse taken ports. */
class DevstackIT {

	@TempDir
	Path dataDir;

	private DevstackSettings settings() {
		return new DevstackSettings(dataDir, Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), Ports.anyFree(),
				Ports.anyFree(), Ports.anyFree(), Ports.anyFree(), true).withoutServices();
	}

	private static final DevSecrets SECRETS = DevSecrets.from(name -> null);

	@Test
	void brokerAndDatabaseKeepTheirDataAcrossARestart() throws Exception {
		DevstackSettings settings = settings();
		try (Devstack devstack = Devstack.start(settings, SECRETS)) {
			String bootstrap = devstack.kafkaBootstrapServers();
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				admin.createTopics(List.of(new NewTopic("devstack-it", 1, (short) 1))).all().get();
				short metadataVersion = admin.describeFeatures().featureMetadata().get().finalizedFeatures()
						.get("metadata.version").maxVersionLevel();
				// the production metadata version of Kafka 4.2 (4.2-IV1), below the unstable 4.3-IV0 (30) test kits use
				assertThat(metadataVersion).isLessThanOrEqualTo((short) 29);
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
					ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("devstack-it", "k", "kept")).get();
			}
			try (Connection connection = DriverManager.getConnection(devstack.postgresJdbcUrl(), "wabaflow", "wabaflow")) {
				connection.createStatement().execute("CREATE TABLE kept (text varchar)");
				connection.createStatement().execute("INSERT INTO kept VALUES ('row')");
			}
		}

		try (Devstack again = Devstack.start(settings, SECRETS)) {
			assertThat(readAll(again.kafkaBootstrapServers(), "devstack-it")).containsExactly("kept");
			try (Connection connection = DriverManager.getConnection(again.postgresJdbcUrl(), "wabaflow", "wabaflow");
					ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM kept")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("row");
			}
		}
	}

	@Test
	void aTakenPortIsOneClearLineAndNothingStarts() throws IOException {
		DevstackSettings settings = settings();
		try (ServerSocket squatter = new ServerSocket()) {
			squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.postgresPort()));

			assertThatThrownBy(() -> Devstack.start(settings, SECRETS)).isInstanceOf(Devstack.PortTakenException.class)
					.hasMessage("port(s) already in use: PostgreSQL (DEVSTACK_POSTGRES_PORT) " + settings.postgresPort()
							+ ". Stop what uses them or choose others with the variables named.");
		}
		assertThat(Ports.free(settings.kafkaPort())).isTrue();
	}

	@Test
	void settingsComeFromTheEnvironmentWithClearErrors() {
		DevstackSettings defaults = DevstackSettings.from(name -> null);
		assertThat(defaults.kafkaPort()).isEqualTo(9092);
		assertThat(defaults.postgresPort()).isEqualTo(5432);
		assertThat(DevstackSettings.from(Map.of("DEVSTACK_KAFKA_PORT", "19092")::get).kafkaPort()).isEqualTo(19092);
		assertThatThrownBy(() -> DevstackSettings.from(Map.of("DEVSTACK_KAFKA_PORT", "lots")::get))
				.hasMessage("DEVSTACK_KAFKA_PORT must be a port number (1-65535), not 'lots'");
	}

	private static List<String> readAll(String bootstrap, String topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "devstack-it",
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
				return !values.isEmpty();
			});
		}
		return values;
	}
}

package io.wabaflow.testsupport;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>In order: {@code KAFKA_BOOTSTRAP_SERVERS} when set (an existing broker); else a Testcontainers
 * broker when a Docker engine answers; else spring-kafka-test's embedded KRaft broker, which needs
 * nothing but the JDK. Topics are never auto-created: tests create them, as the services do, from the
 * catalogue.
 */
public final class TestKafka {

	private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

	private static volatile Broker broker;

	private TestKafka() {
	}

	/** The bootstrap servers of the JVM's broker, starting it if needed. */
	public static String bootstrapServers() {
		return broker().bootstrapServers();
	}

	/** How the broker was obtained: {@code external}, {@code testcontainers} or {@code embedded-kraft}. */
	public static String kind() {
		return broker().kind();
	}

	private static Broker broker() {
		Broker current = broker;
		if (current == null) {
			synchronized (TestKafka.class) {
				current = broker;
				if (current == null) {
					current = start();
					broker = current;
					Broker started = current;
					Runtime.getRuntime().addShutdownHook(new Thread(started.stop, "test-kafka-stop"));
					log.info("Test Kafka broker ({}) at {}", current.kind(), current.bootstrapServers());
				}
			}
		}
		return current;
	}

	private static Broker start() {
		String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		if (external != null && !external.isBlank()) {
			return new Broker("external", external, () -> {
			});
		}
		if (DockerProbe.dockerAvailable()) {
			KafkaContainer container = new KafkaContainer("apache/kafka-native:4.2.0")
					.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
			container.start();
			return new Broker("testcontainers", container.getBootstrapServers(), container::stop);
		}
		return startEmbedded();
	}

	/**
	 * A fresh embedded KRaft broker of its own, for tests that must stop a broker (the JVM's shared one
	 * stays up). The caller destroys it.
	 */
	public static EmbeddedKafkaKraftBroker startEmbedded(String... topics) {
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1, topics);
		// The shared broker must not overwrite the system properties a dedicated broker's test reads.
		embedded.brokerListProperty("wabaflow.test.embedded.brokers." + System.identityHashCode(embedded));
		embedded.brokerProperties(Map.of(
				"auto.create.topics.enable", "false",
				"transaction.state.log.replication.factor", "1",
				"transaction.state.log.min.isr", "1",
				"group.initial.rebalance.delay.ms", "0"));
		embedded.afterPropertiesSet();
		return embedded;
	}

	private static Broker startEmbedded() {
		EmbeddedKafkaKraftBroker embedded = startEmbedded(new String[0]);
		return new Broker("embedded-kraft", embedded.getBrokersAsString(), embedded::destroy);
	}

	private record Broker(String kind, String bootstrapServers, Runnable stop) {
	}
}

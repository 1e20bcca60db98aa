package io.wabaflow.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (combined broker and controller, KRaft) running in this JVM from Kafka's
 * own server classes. Its data stays in a folder across restarts; the folder is formatted once, with the
 * production metadata version (not the unstable one test kits use). Fixed, configurable ports.
 *
 * <p>Kafka reacts to fatal faults by exiting the JVM ({@code Exit.exit}/{@code halt}); here that would take
 * the services down with it, so those are turned into exceptions logged by the devstack.
 *
 * <p>Public for the system tests, which stop and start it on the same ports to take the broker away.
 */
public final class DevKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DevKafka.class);

	private final int port;

	private final KafkaRaftServer server;

	private DevKafka(int port, KafkaRaftServer server) {
		this.port = port;
		this.server = server;
	}

	public static DevKafka start(Path dataDir, int port, int controllerPort) {
		Exit.setExitProcedure((status, message) -> {
			throw new IllegalStateException("Kafka asked to exit (" + status + "): " + message);
		});
		Exit.setHaltProcedure((status, message) -> {
			throw new IllegalStateException("Kafka asked to halt (" + status + "): " + message);
		});
		Path logDir = dataDir.resolve("kafka");
		Properties config = config(logDir, port, controllerPort);
		formatOnce(logDir, config);
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		server.startup();
		log.info("Kafka broker (KRaft) on 127.0.0.1:{}, data in {}", port, logDir);
		return new DevKafka(port, server);
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	@Override
	public void close() {
		server.shutdown();
		server.awaitShutdown();
	}

	private static Properties config(Path logDir, int port, int controllerPort) {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
		config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		config.put("controller.listener.names", "CONTROLLER");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", logDir.toString());
		// one node: the defaults assume three
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "6");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		// as in production: services create the catalogue topics themselves
		config.put("auto.create.topics.enable", "false");
		return config;
	}

	/** {@code kafka-storage format --standalone} the first time; later starts reuse the data. */
	private static void formatOnce(Path logDir, Properties config) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			Path properties = logDir.getParent().resolve("kafka-server.properties");
			try (var out = Files.newOutputStream(properties)) {
				config.store(out, "written by the Wabaflow devstack");
			}
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int status = StorageTool.execute(new String[] {"format", "--standalone", "--ignore-formatted", "-t",
					Uuid.randomUuid().toString(), "-c", properties.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
			if (status != 0) {
				throw new IllegalStateException("Formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
			}
			log.info("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).strip());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

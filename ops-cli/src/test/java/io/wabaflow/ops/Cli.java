package io.wabaflow.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.Topics;
import io.wabaflow.testsupport.TestKafka;
import picocli.CommandLine;

/** Runs the real command line against the test broker and captures what it prints. */
final class Cli {

	record Result(int exitCode, String out, String err) {

		List<String> lines() {
			return out.lines().toList();
		}
	}

	private Cli() {
	}

	static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = WabaflowCli.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		List<String> all = new ArrayList<>(List.of(args));
		if (!args[0].equals("rebuild")) { // the one command that talks to a service, not to Kafka
			all.add("--bootstrap-servers=" + TestKafka.bootstrapServers()); // options may follow the parameters
		}
		int code = commandLine.execute(all.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	/** Creates the catalogue topics as the services do at start-up. */
	static void createCatalogueTopics() throws InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			List<NewTopic> topics = new ArrayList<>();
			for (TopicSpec spec : Topics.ALL) {
				topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
				topics.add(new NewTopic(spec.deadLetterTopic(), 1, (short) 1).configs(TopicSpec.deadLetterConfigs()));
			}
			for (NewTopic topic : topics) {
				try {
					admin.createTopics(List.of(topic)).all().get();
				}
				catch (ExecutionException e) {
					if (!(e.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException(e);
					}
				}
			}
		}
	}
}

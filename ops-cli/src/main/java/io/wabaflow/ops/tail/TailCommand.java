package io.wabaflow.ops.tail;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Durations;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.ops.kafka.RecordRenderer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints records of a topic as JSON lines, decoded from Avro, with their headers. Reads only. */
@Command(name = "tail", mixinStandardHelpOptions = true,
		description = "Print records of a topic as JSON (Avro decoded, any released schema version), with headers. "
				+ "Without --from-beginning or --since: the last --limit records of each partition.")
public final class TailCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "Topic, e.g. wabaflow.webhooks.v1 or wabaflow.webhooks.v1.dlt")
	String topic;

	@ArgGroup(exclusive = true)
	Start start = new Start();

	static final class Start {

		@Option(names = "--from-beginning", description = "Read from the first record.")
		boolean fromBeginning;

		@Option(names = "--since", description = "Read records of the last duration, e.g. 10m, 2h, 1d.")
		String since;
	}

	@Option(names = "--key", description = "Only records with this key.")
	String key;

	@Option(names = "--limit", defaultValue = "20", description = "At most this many records (default ${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		RecordRenderer renderer = new RecordRenderer();
		byte[] wantedKey = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
		AtomicInteger printed = new AtomicInteger();
		try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
			BoundedReader reader = new BoundedReader(consumer);
			reader.read(startOffsets(reader), record -> {
				if (wantedKey != null && !java.util.Arrays.equals(wantedKey, record.key())) {
					return true;
				}
				out.println(renderer.render(record));
				return printed.incrementAndGet() < limit;
			});
		}
		out.flush();
		spec.commandLine().getErr().printf("%d record(s) from %s%n", printed.get(), topic);
		return 0;
	}

	private Map<TopicPartition, Long> startOffsets(BoundedReader reader) {
		if (start.fromBeginning) {
			return reader.beginning(topic);
		}
		if (start.since != null) {
			return reader.since(topic, Instant.now().minus(Durations.parse(start.since)));
		}
		Map<TopicPartition, Long> beginning = reader.beginning(topic);
		Map<TopicPartition, Long> from = new HashMap<>();
		// with a key filter the last N records of a partition may hold none of that key: scan everything
		reader.end(topic).forEach((tp, end) -> from.put(tp,
				key != null ? beginning.get(tp) : Math.max(beginning.get(tp), end - limit)));
		return from;
	}
}

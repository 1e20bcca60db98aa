package io.wabaflow.ops.dlt;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Headers;
import io.wabaflow.ops.kafka.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One line per dead letter: where it came from, why it died, whether it was re-driven already. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the dead letters of a .dlt topic.")
final class DltListCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "Dead-letter topic, e.g. wabaflow.webhooks.v1.dlt")
	String topic;

	@Option(names = "--filter", description = "exception=..., reason=..., key=... (repeatable; all must match)")
	List<String> filters;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		DeadLetterFilter filter = new DeadLetterFilter(filters);
		AtomicInteger count = new AtomicInteger();
		try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
			var redriven = RedriveLedger.read(consumer);
			BoundedReader reader = new BoundedReader(consumer);
			reader.read(reader.beginning(topic), record -> {
				if (filter.test(record)) {
					count.incrementAndGet();
					out.printf("%s  from %s  key=%s  %s%s%n", Headers.coordinates(record),
							Headers.text(record, Headers.ORIGINAL_TOPIC),
							record.key() == null ? "-" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
							reason(record), redriven.contains(Headers.coordinates(record)) ? "  [re-driven]" : "");
				}
				return true;
			});
		}
		out.printf("%d dead letter(s) in %s%n", count.get(), topic);
		out.flush();
		return 0;
	}

	static String reason(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
		String reason = Headers.text(record, Headers.REASON);
		if (reason != null) {
			return reason;
		}
		String type = Headers.text(record, Headers.EXCEPTION_CLASS);
		return (type == null ? "?" : type) + ": " + Headers.text(record, Headers.EXCEPTION_MESSAGE);
	}
}

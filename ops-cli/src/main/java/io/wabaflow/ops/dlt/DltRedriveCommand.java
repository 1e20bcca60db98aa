package io.wabaflow.ops.dlt;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Headers;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Re-publishes dead letters to the topic they came from — key, value and headers as they were, without
 * the dead-letter headers, plus {@code wabaflow-redriven-from} — each at most once: the re-published
 * record and its ledger entry commit in one Kafka transaction, and a later run skips ledger entries.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
		description = "Re-publish dead letters to their original topic, each once. Dry run unless --execute.")
final class DltRedriveCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "Dead-letter topic, e.g. wabaflow.webhooks.v1.dlt")
	String topic;

	@Option(names = "--filter", description = "exception=..., reason=..., key=... (repeatable; all must match)")
	List<String> filters;

	@Option(names = "--execute", description = "Re-publish (without it: print what would be re-published).")
	boolean execute;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		if (!topic.endsWith(TopicSpec.DEAD_LETTER_SUFFIX)) {
			spec.commandLine().getErr().printf("%s is not a dead-letter topic (its name ends in %s)%n", topic,
					TopicSpec.DEAD_LETTER_SUFFIX);
			return 2;
		}
		DeadLetterFilter filter = new DeadLetterFilter(filters);
		List<RedriveLedger.Redrive> due = new ArrayList<>();
		int skipped = 0;
		try (RedriveLedger ledger = RedriveLedger.open(kafka, execute);
				KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
			BoundedReader reader = new BoundedReader(consumer);
			List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
			reader.read(reader.beginning(topic), record -> {
				if (filter.test(record)) {
					matching.add(record);
				}
				return true;
			});
			for (ConsumerRecord<byte[], byte[]> record : matching) {
				String target = Headers.text(record, Headers.ORIGINAL_TOPIC);
				if (ledger.redriven(record)) {
					skipped++;
				}
				else if (target == null) {
					out.printf("  skip %s: no %s header, origin unknown%n", Headers.coordinates(record), Headers.ORIGINAL_TOPIC);
				}
				else {
					out.printf("  %s %s -> %s  (%s)%n", execute ? "re-drive" : "would re-drive",
							Headers.coordinates(record), target, DltListCommand.reason(record));
					due.add(new RedriveLedger.Redrive(record, target, List.of(new ProducerRecord<>(target, null,
							record.key(), record.value(), originalHeaders(record)))));
				}
			}
			if (execute && !due.isEmpty()) {
				ledger.publish(due);
			}
		}
		out.printf("%d dead letter(s) %s, %d already re-driven before.%s%n", due.size(),
				execute ? "re-driven" : "to re-drive", skipped, execute ? "" : " Dry run: add --execute to re-publish.");
		out.flush();
		return 0;
	}

	private static RecordHeaders originalHeaders(ConsumerRecord<byte[], byte[]> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("wabaflow-dlt-")
					&& !header.key().equals(Headers.REDRIVEN_FROM)) {
				headers.add(header);
			}
		}
		headers.add(Headers.REDRIVEN_FROM, Headers.coordinates(record).getBytes(StandardCharsets.UTF_8));
		return headers;
	}
}

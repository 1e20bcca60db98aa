package io.wabaflow.ops.webhooks;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.metagraph.webhook.UnparseableWebhookException;
import io.wabaflow.ops.dlt.RedriveLedger;
import io.wabaflow.ops.kafka.BoundedReader;
import io.wabaflow.ops.kafka.Headers;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroDeserializer;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.schemas.webhook.UnparsedWebhook;
import io.wabaflow.schemas.webhook.WebhookChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the signed bodies kept on {@code wabaflow.webhooks.unparsed.v1} through the current parser and
 * publishes the changes it now finds to {@code wabaflow.webhooks.v1}, as the ingress would have. Bodies
 * still unparseable stay where they are for a later fix. Each body at most once (the redrive ledger, in
 * the same transaction); the changes keep the original received-at, and their event ids are those the
 * ingress computes, so a change that reached the webhooks topic some other way is deduplicated downstream.
 */
@Command(name = "redrive-unparsed", mixinStandardHelpOptions = true,
		description = "Re-parse the unparsed-webhook topic with the current parser and publish what now parses. "
				+ "Dry run unless --execute.")
public final class RedriveUnparsedCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Option(names = "--execute", description = "Publish (without it: print what would be published).")
	boolean execute;

	private static final AvroSerializer SERIALIZER = new AvroSerializer();

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		EnvelopeSplitter splitter = new EnvelopeSplitter();
		AvroDeserializer avro = new AvroDeserializer();
		String topic = Topics.UNPARSED_WEBHOOKS.name();
		List<RedriveLedger.Redrive> due = new ArrayList<>();
		int stillUnparseable = 0;
		int skipped = 0;
		try (RedriveLedger ledger = RedriveLedger.open(kafka, execute);
				KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
			List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
			BoundedReader reader = new BoundedReader(consumer);
			reader.read(reader.beginning(topic), kept::add);
			for (ConsumerRecord<byte[], byte[]> record : kept) {
				if (ledger.redriven(record)) {
					skipped++;
					continue;
				}
				UnparsedWebhook unparsed = avro.deserialize(topic, record.value(), UnparsedWebhook.class);
				try {
					List<EnvelopeChange> changes = splitter.split(bytes(unparsed.getBody()));
					due.add(new RedriveLedger.Redrive(record, Topics.WEBHOOKS.name(), records(record, unparsed, changes)));
					out.printf("  %s %s (%s) -> %d change(s)%n", execute ? "publish" : "would publish",
							Headers.coordinates(record), unparsed.getEventId(), changes.size());
				}
				catch (UnparseableWebhookException e) {
					stillUnparseable++;
					out.printf("  still unparseable %s (%s): %s%n", Headers.coordinates(record), unparsed.getEventId(),
							e.getMessage());
				}
			}
			if (execute && !due.isEmpty()) {
				ledger.publish(due);
			}
		}
		out.printf("%d body(ies) %s, %d still unparseable, %d re-driven before.%s%n", due.size(),
				execute ? "re-driven" : "parse now", stillUnparseable, skipped,
				execute ? "" : " Dry run: add --execute to publish.");
		out.flush();
		return 0;
	}

	/** The records the ingress would have published for these changes, with the original received-at. */
	private static List<ProducerRecord<byte[], byte[]>> records(ConsumerRecord<byte[], byte[]> source,
			UnparsedWebhook unparsed, List<EnvelopeChange> changes) {
		String target = Topics.WEBHOOKS.name();
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (EnvelopeChange change : changes) {
			WebhookChange value = change.toRecord(unparsed.getReceivedAt());
			RecordHeaders headers = new RecordHeaders();
			headers.add(Headers.REDRIVEN_FROM, Headers.coordinates(source).getBytes(StandardCharsets.UTF_8));
			records.add(new ProducerRecord<>(target, null, change.partitionKey().getBytes(StandardCharsets.UTF_8),
					SERIALIZER.serialize(target, value), headers));
		}
		return records;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		ByteBuffer body = buffer.duplicate();
		byte[] bytes = new byte[body.remaining()];
		body.get(bytes);
		return bytes;
	}
}

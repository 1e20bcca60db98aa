package io.wabaflow.ops.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading the dead-letter headers Spring Kafka and the platform write. */
public final class Headers {

	public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	public static final String EXCEPTION_CLASS = "kafka_dlt-exception-fqcn";

	public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

	public static final String REASON = "wabaflow-dlt-reason";

	/** Set on every record ops re-published: where it came from, {@code <topic>/<partition>/<offset>}. */
	public static final String REDRIVEN_FROM = "wabaflow-redriven-from";

	private Headers() {
	}

	public static String text(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	public static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "/" + record.partition() + "/" + record.offset();
	}
}

package io.wabaflow.platform.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.wabaflow.schemas.TopicSpec;

/**
 * Where dead letters go and what they carry. Spring's recoverer already adds the exception class, message
 * and stack trace and the original topic, partition, offset, timestamp and consumer group
 * ({@code kafka_dlt-*} headers); we add the one-line reason ops filter on.
 */
public final class DeadLetters {

	/** Root cause class and message in one line, e.g. {@code SerializationException: Unknown writer schema}. */
	public static final String REASON_HEADER = "wabaflow-dlt-reason";

	private DeadLetters() {
	}

	/**
	 * The dead-letter topic of a topic. Retry topics ({@code <topic>-retry-...}) share their main topic's
	 * dead-letter topic, so ops find every dead letter of a topic in one place.
	 */
	public static String topicFor(String topic) {
		if (topic.endsWith(TopicSpec.DEAD_LETTER_SUFFIX)) {
			return topic; // a failing dead-letter consumer must not invent <topic>.dlt.dlt
		}
		int retry = topic.indexOf("-retry");
		String main = retry > 0 ? topic.substring(0, retry) : topic;
		return main + TopicSpec.DEAD_LETTER_SUFFIX;
	}

	static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception exception) {
		Throwable root = exception;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
		RecordHeaders headers = new RecordHeaders();
		headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		return headers;
	}
}

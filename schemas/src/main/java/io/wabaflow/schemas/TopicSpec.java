package io.wabaflow.schemas;

import java.time.Duration;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the catalogue: its name, what its key and value are, and how it is created.
 *
 * @param name       full topic name; the version is part of it, an incompatible change is a new topic
 * @param keyMeaning what the (string) key is, e.g. {@code phone_number_id}
 * @param valueType  the Avro type of every value on the topic
 * @param partitions partitions at creation
 * @param compacted  {@code cleanup.policy=compact} (latest value per key) instead of delete
 * @param retention  how long records are kept; {@code null} keeps them forever (topics that projections
 *                   are rebuilt from must keep everything)
 */
public record TopicSpec(
		String name,
		String keyMeaning,
		Class<? extends SpecificRecord> valueType,
		int partitions,
		boolean compacted,
		Duration retention) {

	/** The dead-letter topic of this topic: records that could not be consumed, with the reason in headers. */
	public String deadLetterTopic() {
		return name + DEAD_LETTER_SUFFIX;
	}

	/** How a dead-letter topic is created: kept until ops have looked (compaction would drop all but the last per key). */
	public static Map<String, String> deadLetterConfigs() {
		return Map.of("cleanup.policy", "delete", "retention.ms", "-1", "max.message.bytes",
				Integer.toString(MAX_MESSAGE_BYTES));
	}

	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	/**
	 * Largest record a topic accepts: 4 MiB. One webhook change can be as large as Meta's 3 MB delivery
	 * limit, above the broker's 1 MB default, and a refused record would be retried by Meta for days.
	 */
	public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

	/** Topic-level configuration to create the topic with. */
	public Map<String, String> configs() {
		String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
		String maxBytes = Integer.toString(MAX_MESSAGE_BYTES);
		if (compacted) {
			return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "max.message.bytes", maxBytes);
		}
		return Map.of("cleanup.policy", "delete", "retention.ms", retentionMs, "max.message.bytes", maxBytes);
	}
}

package io.wabaflow.ops.dlt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wabaflow.ops.kafka.Headers;

/**
 * {@code --filter exception=DeserializationException}, {@code reason=...}, {@code key=...}: all given
 * filters must match. exception and reason match a case-insensitive substring, key matches exactly.
 */
final class DeadLetterFilter implements Predicate<ConsumerRecord<byte[], byte[]>> {

	private final List<Predicate<ConsumerRecord<byte[], byte[]>>> parts = new ArrayList<>();

	DeadLetterFilter(List<String> expressions) {
		for (String expression : expressions == null ? List.<String>of() : expressions) {
			int eq = expression.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("Filter '" + expression + "' must be name=value (exception, reason or key)");
			}
			String name = expression.substring(0, eq).strip();
			String value = expression.substring(eq + 1);
			parts.add(switch (name) {
				case "exception" -> r -> contains(Headers.text(r, Headers.EXCEPTION_CLASS), value);
				case "reason" -> r -> contains(Headers.text(r, Headers.REASON), value)
						|| contains(Headers.text(r, Headers.EXCEPTION_MESSAGE), value);
				case "key" -> r -> r.key() != null && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).equals(value);
				default -> throw new IllegalArgumentException("Unknown filter '" + name + "': use exception=, reason= or key=");
			});
		}
	}

	@Override
	public boolean test(ConsumerRecord<byte[], byte[]> record) {
		return parts.stream().allMatch(p -> p.test(record));
	}

	private static boolean contains(String text, String part) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
	}
}

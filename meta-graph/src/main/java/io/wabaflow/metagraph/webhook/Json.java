package io.wabaflow.metagraph.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Lenient reads from a JSON tree. Meta's payloads mix strings and numbers for the same member (ids,
 * timestamps) and add members over time, so nothing here fails on a type it did not expect: it answers
 * {@code null} (or an empty list) instead.
 */
final class Json {

	private Json() {
	}

	/** A member as text: strings as they are, numbers and booleans in their JSON form, anything else null. */
	static String text(JsonNode node, String name) {
		if (node == null) {
			return null;
		}
		return text(node.get(name));
	}

	static String text(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		return value.asString();
	}

	static Integer integer(JsonNode node, String name) {
		JsonNode value = node == null ? null : node.get(name);
		if (value == null) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			return value.intValue();
		}
		if (value.isString()) {
			try {
				return Integer.valueOf(value.stringValue().strip());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	static int integer(JsonNode node, String name, int fallback) {
		Integer value = integer(node, name);
		return value == null ? fallback : value;
	}

	static Double decimal(JsonNode node, String name) {
		JsonNode value = node == null ? null : node.get(name);
		if (value == null) {
			return null;
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isString()) {
			try {
				return Double.valueOf(value.stringValue().strip());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	static Boolean bool(JsonNode node, String name) {
		JsonNode value = node == null ? null : node.get(name);
		if (value == null) {
			return null;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isString()) {
			String text = value.stringValue().strip();
			if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
				return Boolean.valueOf(text);
			}
		}
		return null;
	}

	/** Unix seconds given as a number or as a string of digits; {@code null} otherwise. */
	static Long epochSeconds(JsonNode value) {
		if (value == null) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			return value.longValue();
		}
		if (value.isFloatingPointNumber()) {
			return (long) value.doubleValue();
		}
		if (value.isString()) {
			try {
				return Long.valueOf(value.stringValue().strip());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	static Instant instant(JsonNode node, String name) {
		Long seconds = epochSeconds(node == null ? null : node.get(name));
		return seconds == null ? null : Instant.ofEpochSecond(seconds);
	}

	/** The elements of an array member mapped one by one; a missing or non-array member is an empty list. */
	static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> mapper) {
		JsonNode array = node == null ? null : node.get(name);
		if (array == null || !array.isArray() || array.isEmpty()) {
			return List.of();
		}
		List<T> result = new ArrayList<>(array.size());
		for (JsonNode element : array) {
			T mapped = mapper.apply(element);
			if (mapped != null) {
				result.add(mapped);
			}
		}
		return List.copyOf(result);
	}

	static List<String> strings(JsonNode node, String name) {
		return list(node, name, Json::text);
	}

	/** An object member as JSON text, or null. */
	static String raw(JsonNode node, String name) {
		JsonNode value = node == null ? null : node.get(name);
		return value == null || value.isNull() || value.isMissingNode() ? null : value.toString();
	}
}

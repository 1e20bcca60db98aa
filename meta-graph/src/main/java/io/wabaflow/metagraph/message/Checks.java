package io.wabaflow.metagraph.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

/** Collects violations while walking a content tree; paths are built as the walk goes down. */
final class Checks {

	private final List<Violation> violations = new ArrayList<>();

	List<Violation> violations() {
		return List.copyOf(violations);
	}

	void fail(String path, String message) {
		violations.add(new Violation(path, message));
	}

	/** An object member; a violation (and null) when it is there but not an object, or required and absent. */
	JsonNode object(JsonNode parent, String name, String path, boolean required) {
		JsonNode value = parent.get(name);
		if (absent(value)) {
			if (required) {
				fail(path, "is required");
			}
			return null;
		}
		if (!value.isObject()) {
			fail(path, "must be an object");
			return null;
		}
		return value;
	}

	JsonNode array(JsonNode parent, String name, String path, boolean required) {
		JsonNode value = parent.get(name);
		if (absent(value)) {
			if (required) {
				fail(path, "is required");
			}
			return null;
		}
		if (!value.isArray()) {
			fail(path, "must be an array");
			return null;
		}
		return value;
	}

	/** A string member; checks it is non-blank when required and at most {@code maxLength} characters. */
	String text(JsonNode parent, String name, String path, boolean required, int maxLength) {
		JsonNode value = parent.get(name);
		if (absent(value)) {
			if (required) {
				fail(path, "is required");
			}
			return null;
		}
		if (!value.isString()) {
			fail(path, "must be a string");
			return null;
		}
		String text = value.stringValue();
		if (required && text.isBlank()) {
			fail(path, "must not be blank");
		}
		// Meta counts characters; an emoji outside the BMP is one, not two UTF-16 units.
		int length = text.codePointCount(0, text.length());
		if (maxLength > 0 && length > maxLength) {
			fail(path, "must be at most " + maxLength + " characters (is " + length + ")");
		}
		return text;
	}

	Double number(JsonNode parent, String name, String path, boolean required, double min, double max) {
		JsonNode value = parent.get(name);
		if (absent(value)) {
			if (required) {
				fail(path, "is required");
			}
			return null;
		}
		double number;
		if (value.isNumber()) {
			number = value.doubleValue();
		}
		else if (value.isString()) {
			try {
				number = Double.parseDouble(value.stringValue().strip());
			}
			catch (NumberFormatException e) {
				fail(path, "must be a number");
				return null;
			}
		}
		else {
			fail(path, "must be a number");
			return null;
		}
		if (number < min || number > max) {
			fail(path, "must be between " + trim(min) + " and " + trim(max));
		}
		return number;
	}

	void bool(JsonNode parent, String name, String path) {
		JsonNode value = parent.get(name);
		if (!absent(value) && !value.isBoolean()) {
			fail(path, "must be true or false");
		}
	}

	void size(JsonNode array, String path, int min, int max) {
		if (array.size() < min || array.size() > max) {
			fail(path, min == max ? "must have exactly " + min + " elements"
					: "must have between " + min + " and " + max + " elements (has " + array.size() + ")");
		}
	}

	/**
	 * Hands each element of {@code array} with its path ({@code path[i]}) to {@code rule}; an element that is not
	 * an object is a violation instead.
	 */
	void eachObject(JsonNode array, String path, BiConsumer<JsonNode, String> rule) {
		for (int i = 0; i < array.size(); i++) {
			String at = path + "[" + i + "]";
			JsonNode element = array.get(i);
			if (element.isObject()) {
				rule.accept(element, at);
			}
			else {
				fail(at, "must be an object");
			}
		}
	}

	static boolean absent(JsonNode value) {
		return value == null || value.isNull() || value.isMissingNode();
	}

	private static String trim(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}
}

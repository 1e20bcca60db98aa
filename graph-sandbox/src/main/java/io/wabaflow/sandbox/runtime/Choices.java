package io.wabaflow.sandbox.runtime;

import java.util.List;

/** Scenario values that must be one of a few words: matched ignoring case, answered in their canonical spelling. */
public final class Choices {

	private Choices() {
	}

	/**
	 * The entry of {@code allowed} that {@code value} names (ignoring case).
	 *
	 * @throws IllegalArgumentException naming {@code what} and the allowed values (a 400 in the scenario API)
	 */
	public static String oneOf(String what, String value, List<String> allowed) {
		for (String choice : allowed) {
			if (choice.equalsIgnoreCase(value)) {
				return choice;
			}
		}
		throw new IllegalArgumentException(what + " must be one of " + allowed
				+ (value == null ? "" : " (got \"" + value + "\")"));
	}
}

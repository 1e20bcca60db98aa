package io.wabaflow.platform.access;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. A tenant key holds any of the first three; {@link #ADMIN} is for operator keys only. */
public enum Scope {

	/** Read the caller's numbers, conversations, messages, contacts, onboarding status and command outcomes. */
	READ("read"),

	/** Send messages (and mark them read) from the caller's numbers. */
	MESSAGES_SEND("messages:send"),

	/** Start onboarding, request coexistence syncs, offboard the caller's numbers. */
	ONBOARDING_WRITE("onboarding:write"),

	/** Create, delete and re-read the message templates of the caller's WABAs. */
	TEMPLATES_WRITE("templates:write"),

	/** Operator only: projection rebuilds, consumer holds, re-drives. */
	ADMIN("admin");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	/** The name on the wire and on the command line, e.g. {@code messages:send}. */
	public String value() {
		return value;
	}

	public static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
	}

	/** The scope named {@code value}, or an exception that lists the valid names. */
	public static Scope parse(String value) {
		return of(value).orElseThrow(() -> new IllegalArgumentException("Unknown scope '" + value + "': use one of "
				+ Arrays.stream(values()).map(Scope::value).toList()));
	}
}

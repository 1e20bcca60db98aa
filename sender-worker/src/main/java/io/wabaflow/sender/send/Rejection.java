package io.wabaflow.sender.send;

/**
 * Why a command is refused without sending it (the {@code reason} of a REJECTED row and the
 * {@code error_code} of its result).
 *
 * @param details for a person: which rule, where
 */
record Rejection(String reason, String details) {

	static final String INVALID_CONTENT = "INVALID_CONTENT";

	static final String WINDOW_CLOSED = "WINDOW_CLOSED";

	static final String UNKNOWN_NUMBER = "UNKNOWN_NUMBER";

	static final String NUMBER_INACTIVE = "NUMBER_INACTIVE";

	static Rejection invalid(String details) {
		return new Rejection(INVALID_CONTENT, details);
	}

	static Rejection windowClosed(String details) {
		return new Rejection(WINDOW_CLOSED, details);
	}
}

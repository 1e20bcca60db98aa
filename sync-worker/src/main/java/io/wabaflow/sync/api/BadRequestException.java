package io.wabaflow.sync.api;

/** A request the API refuses with 400 (bad cursor, bad limit, malformed id). */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}
}

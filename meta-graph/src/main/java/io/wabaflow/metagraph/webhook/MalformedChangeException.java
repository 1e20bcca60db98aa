package io.wabaflow.metagraph.webhook;

/** A change value that is not a JSON object. A worker cannot do anything with it but dead-letter it. */
public class MalformedChangeException extends RuntimeException {

	MalformedChangeException(String message, Throwable cause) {
		super(message, cause);
	}
}

package io.wabaflow.platform.kafka;

/**
 * A record that can never be processed, whatever the number of attempts (invalid content, a contract
 * violation). Thrown by a listener, it sends the record straight to the dead-letter topic without retries.
 */
public class PoisonRecordException extends RuntimeException {

	public PoisonRecordException(String message) {
		super(message);
	}

	public PoisonRecordException(String message, Throwable cause) {
		super(message, cause);
	}
}

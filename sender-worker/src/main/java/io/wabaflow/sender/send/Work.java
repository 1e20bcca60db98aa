package io.wabaflow.sender.send;

import io.wabaflow.sender.throughput.Paced;

/**
 * A send on its way through the in-memory pipeline.
 *
 * @param send            the row as it was read or written
 * @param expectedAttempt the row's attempt count when this work was made: the claim only succeeds if the
 *                        row is still PENDING with exactly this count, so duplicates never call twice
 */
record Work(Send send, int expectedAttempt) implements Paced {

	@Override
	public String phoneNumberId() {
		return send.phoneNumberId();
	}

	String commandId() {
		return send.commandId();
	}

	int partition() {
		return send.partition();
	}
}

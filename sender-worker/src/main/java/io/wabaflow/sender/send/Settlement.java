package io.wabaflow.sender.send;

import java.time.Instant;

/**
 * What to write to a send's row, and on which condition.
 *
 * @param attempt the row's attempt count the write is for (stale writes of an older attempt match nothing)
 */
record Settlement(String commandId, int attempt, SendState state, String wamid, String waId, Integer errorCode,
		String errorTitle, String errorDetails, String reason, Instant nextAttemptAt, Expect expect) {

	/** The row state the write expects, so that two writers never both win. */
	enum Expect {
		/** The answer to this instance's own call: the row is INTENDED (or UNKNOWN: an answer settles doubt). */
		CALL,
		/** A decision taken without a call (a rejection at dispatch): the row is PENDING. */
		PENDING,
		/** In-doubt recovery: the row has been INTENDED for longer than the in-doubt time. */
		IN_DOUBT
	}
}

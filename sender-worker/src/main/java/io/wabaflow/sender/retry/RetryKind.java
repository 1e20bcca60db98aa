package io.wabaflow.sender.retry;

/** The two back-off families of a failed Graph call. */
public enum RetryKind {
	/** Rate limits: 130429 (throughput), 131056 (pair rate), 4 (app), 80007 (WABA). Meta: wait 4^n s. */
	THROTTLED,
	/** Transient trouble at Meta or on the way there: exponential back-off up to a limit. */
	TRANSIENT
}

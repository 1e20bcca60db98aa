package io.wabaflow.sender.send;

import io.wabaflow.sender.retry.RetryKind;

/** What a Graph call's answer (or its absence) means for the send. */
sealed interface Verdict {

	record Sent(String wamid, String waId) implements Verdict {
	}

	/** Meta refused it for good: recorded with Meta's code and details. */
	record Failed(Integer code, String title, String details, String reason) implements Verdict {
	}

	/** Refused as a rejection (not a failure of the platform), e.g. 131047 window closed. */
	record Rejected(String reason, Integer code, String title, String details) implements Verdict {
	}

	/** The call may or may not have reached Meta, and the policy is not to send it again. */
	record InDoubt(String details) implements Verdict {
	}

	/** Try again later. */
	record Retry(RetryKind kind, Integer code, String title, String details) implements Verdict {
	}
}

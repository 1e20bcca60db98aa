package io.wabaflow.sender.send;

import java.util.Set;

/** Where a command is in its lifecycle (the {@code sends.state} column). */
public enum SendState {
	PENDING, INTENDED, SENT, FAILED, REJECTED, UNKNOWN;

	static final Set<SendState> SETTLED = Set.of(SENT, FAILED, REJECTED, UNKNOWN);

	public boolean settled() {
		return SETTLED.contains(this);
	}
}

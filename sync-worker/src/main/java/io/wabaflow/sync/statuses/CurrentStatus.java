package io.wabaflow.sync.statuses;

import java.util.Collection;
import java.util.Map;

/**
 * The status of a message, derived from the set of its transitions, so it never goes backwards whatever
 * order the webhooks came in: sent 1 < delivered 2 < read 3 < played 4 (read without delivered is
 * fine, delivered is implied). {@code failed} is kept apart with its error; it is the current status
 * unless a positive status was reported after it (a multi-device user may still receive the message;
 * facts file §5 REC). Unknown statuses never become current.
 */
public final class CurrentStatus {

	private static final Map<String, Integer> RANKS = Map.of("sent", 1, "delivered", 2, "read", 3, "played", 4);

	private CurrentStatus() {
	}

	/** The rank of a positive status, 0 for failed and unknown ones. */
	public static int rank(String status) {
		return RANKS.getOrDefault(status, 0);
	}

	/** The current status, or null when no known status was reported. */
	public static String of(Collection<StatusTransition> transitions) {
		StatusTransition best = null;
		StatusTransition failed = null;
		for (StatusTransition transition : transitions) {
			if ("failed".equals(transition.status())) {
				failed = transition;
			}
			else if (rank(transition.status()) > 0 && (best == null || rank(transition.status()) > rank(best.status()))) {
				best = transition;
			}
		}
		if (failed == null) {
			return best == null ? null : best.status();
		}
		StatusTransition failure = failed;
		boolean positiveAfterFailure = transitions.stream()
				.anyMatch(t -> rank(t.status()) > 0 && t.at().isAfter(failure.at()));
		return positiveAfterFailure ? best.status() : "failed";
	}
}

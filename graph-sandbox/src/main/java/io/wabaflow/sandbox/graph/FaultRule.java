package io.wabaflow.sandbox.graph;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * "The next {@code times} calls matching this rule fail with {@code code}." A rule matches on any combination
 * of operation (see {@link GraphCall}), HTTP method, a regular expression over the path, and the node id in the
 * path (a phone number id for {@code messages}). {@code deliverAs=status}, for {@code messages} only, accepts the
 * message and reports the error as a {@code failed} status webhook, as Meta does for delivery errors (131026,
 * 131047, 131049, ...). {@code times} &lt; 0 means every matching call.
 */
public record FaultRule(String id, String operation, String method, String path, String nodeId, int code,
		String message, String details, DeliverAs deliverAs, AtomicInteger remaining) {

	public enum DeliverAs {
		RESPONSE, STATUS
	}

	boolean matches(GraphCall call) {
		return (operation == null || operation.equals(call.operation()))
				&& (method == null || method.equalsIgnoreCase(call.method()))
				&& (path == null || Pattern.compile(path).matcher(call.path()).find())
				&& (nodeId == null || nodeId.equals(call.nodeId()));
	}

	/** Takes one use of the rule; false once it is spent. */
	boolean take() {
		if (remaining.get() < 0) {
			return true;
		}
		return remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
	}

	public GraphException toException() {
		if (message != null) {
			return GraphErrors.withMessage(code, message, details);
		}
		return GraphErrors.of(code, details);
	}
}

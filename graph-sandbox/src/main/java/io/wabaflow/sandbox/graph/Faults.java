package io.wabaflow.sandbox.graph;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;

/** The injected errors, consulted in order of creation on every Graph call. */
@Component
public class Faults implements Resettable {

	private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong();

	@Override
	public void reset() {
		rules.clear();
	}

	public FaultRule add(String operation, String method, String path, String nodeId, int code, Integer times,
			String message, String details, FaultRule.DeliverAs deliverAs) {
		if (path != null) {
			java.util.regex.Pattern.compile(path);
		}
		FaultRule rule = new FaultRule("fault-" + ids.incrementAndGet(), blankToNull(operation), blankToNull(method),
				blankToNull(path), blankToNull(nodeId), code, blankToNull(message), blankToNull(details),
				deliverAs == null ? FaultRule.DeliverAs.RESPONSE : deliverAs,
				new AtomicInteger(times == null ? 1 : times));
		rules.add(rule);
		return rule;
	}

	public List<FaultRule> rules() {
		return List.copyOf(rules);
	}

	public boolean remove(String id) {
		return rules.removeIf(rule -> rule.id().equals(id));
	}

	Optional<FaultRule> takeResponseFault(GraphCall call) {
		return take(call, FaultRule.DeliverAs.RESPONSE);
	}

	/** A fault to report as a failed status webhook of an accepted message. */
	public Optional<FaultRule> takeStatusFault(GraphCall call) {
		return take(call, FaultRule.DeliverAs.STATUS);
	}

	private synchronized Optional<FaultRule> take(GraphCall call, FaultRule.DeliverAs kind) {
		for (FaultRule rule : rules) {
			if (rule.deliverAs() == kind && rule.matches(call) && rule.take()) {
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

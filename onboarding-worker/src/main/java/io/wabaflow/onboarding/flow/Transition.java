package io.wabaflow.onboarding.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step decided, applied in one transaction: the flow's next content, the integration log rows (each
 * published as an event too), when the next step is due, the command's outcome if there is one now, and whether
 * the number is published on the registry.
 *
 * @param delay    how long until the next step; null when the flow ended (terminal state)
 * @param outcome  the StartOnboarding command's result to publish, or null
 * @param register publish the flow's phone number (with its encrypted token) on the registry
 * @param throughputMps the number's messages per second as Meta's tier said at completion; null when unknown
 */
public record Transition(Flow next, List<LogEntry> log, Duration delay, Outcome outcome, boolean register,
		Integer throughputMps) {

	public Transition {
		log = List.copyOf(log);
		if (next.state().terminal() && delay != null) {
			throw new IllegalArgumentException("A terminal state has no next step");
		}
		if (!next.state().terminal() && delay == null) {
			throw new IllegalArgumentException("State " + next.state() + " needs a next step");
		}
	}

	public static Transition to(Flow next, Duration delay, LogEntry... log) {
		return new Transition(next, List.of(log), delay, null, false, null);
	}

	public static Transition end(Flow next, Outcome outcome, LogEntry... log) {
		return new Transition(next, List.of(log), null, outcome, false, null);
	}

	public Transition withOutcome(Outcome result) {
		return new Transition(next, log, delay, result, register, throughputMps);
	}

	public Transition registering() {
		return new Transition(next, log, delay, outcome, true, throughputMps);
	}

	/** Registering, at the throughput Meta's tier gives the number (null: unknown, the sender's default). */
	public Transition registering(Integer mps) {
		return new Transition(next, log, delay, outcome, true, mps);
	}

	/** The same transition with log rows written before its own (what happened earlier in the same step). */
	public Transition after(List<LogEntry> earlier) {
		List<LogEntry> all = new ArrayList<>(earlier);
		all.addAll(log);
		return new Transition(next, all, delay, outcome, register, throughputMps);
	}
}

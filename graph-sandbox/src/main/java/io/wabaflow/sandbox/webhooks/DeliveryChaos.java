package io.wabaflow.sandbox.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxRandom;

/** The active chaos rules and, for REORDER, the deliveries held back until the batch is complete. */
@Component
public class DeliveryChaos implements Resettable {

	/** A rule with its remaining budget and its held deliveries. */
	static final class Active {

		final ChaosRule rule;
		int remaining;
		final List<Delivery> held = new ArrayList<>();

		Active(ChaosRule rule) {
			this.rule = rule;
			this.remaining = rule.count();
		}
	}

	/** What to do with one delivery. {@code release} is non-empty when a REORDER or BATCH batch is complete. */
	record Decision(ChaosRule.Effect effect, Active rule, List<Delivery> release, boolean firstHeld) {
	}

	private final SandboxRandom random;
	private final List<Active> rules = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong();

	DeliveryChaos(SandboxRandom random) {
		this.random = random;
	}

	@Override
	public synchronized void reset() {
		rules.clear();
	}

	public synchronized ChaosRule add(ChaosRule.Effect effect, String field, Integer count, Double probability,
			Duration delay, ChaosRule.Order order) {
		int budget = count == null ? 1 : count;
		if ((effect == ChaosRule.Effect.REORDER || effect == ChaosRule.Effect.BATCH) && budget < 2) {
			throw new IllegalArgumentException(effect.name().toLowerCase() + " needs a count of at least 2");
		}
		if (effect == ChaosRule.Effect.DELAY && (delay == null || delay.isNegative())) {
			throw new IllegalArgumentException("delay needs a positive delay");
		}
		ChaosRule rule = new ChaosRule("chaos-" + ids.incrementAndGet(), effect,
				field == null || field.isBlank() ? null : field, budget, probability == null ? 1.0 : probability,
				delay, order == null ? ChaosRule.Order.REVERSE : order);
		rules.add(new Active(rule));
		return rule;
	}

	public List<ChaosRule> rules() {
		return rules.stream().map(active -> active.rule).toList();
	}

	synchronized Optional<Decision> decide(Delivery delivery) {
		for (Active active : rules) {
			ChaosRule rule = active.rule;
			if (active.remaining == 0 || (rule.field() != null && !rule.field().equals(delivery.field))) {
				continue;
			}
			if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
				continue;
			}
			if (active.remaining > 0) {
				active.remaining--;
			}
			if (!rule.holds()) {
				return Optional.of(new Decision(rule.effect(), active, List.of(), false));
			}
			active.held.add(delivery);
			boolean first = active.held.size() == 1;
			return Optional.of(new Decision(rule.effect(), active, active.remaining == 0 ? drain(active) : List.of(),
					first));
		}
		return Optional.empty();
	}

	/** Releases whatever a holding rule still holds (its batch never filled up within the hold time). */
	synchronized List<Delivery> flush(Active active) {
		return drain(active);
	}

	private List<Delivery> drain(Active active) {
		List<Delivery> out = new ArrayList<>(active.held);
		active.held.clear();
		if (active.rule.effect() == ChaosRule.Effect.BATCH) {
			return out;
		}
		if (active.rule.order() == ChaosRule.Order.SHUFFLE && out.size() > 1) {
			List<Delivery> original = List.copyOf(out);
			random.shuffle(out);
			if (out.equals(original)) {
				java.util.Collections.reverse(out);
			}
		}
		else {
			java.util.Collections.reverse(out);
		}
		return out;
	}
}

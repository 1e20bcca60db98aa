package io.wabaflow.sandbox.webhooks;

import java.time.Duration;

/**
 * Trouble for the next {@code count} deliveries (of {@code field}, or of any field), each affected with
 * {@code probability} (seeded): {@code DUPLICATE} sends the same signed body twice, as Meta's retries and
 * multi-app subscriptions do [OVR]; {@code DELAY} holds a delivery for {@code delay}; {@code REORDER} holds the
 * next {@code count} deliveries and releases them together in reverse (or seeded-shuffled) order, as Meta's
 * unordered delivery does [PAYEX], [HIST]; {@code BATCH} holds the next {@code count} deliveries and sends them as
 * one POST, their entries merged (changes of one WABA in one entry), as Meta's batching may [CWE]. {@code count}
 * &lt; 0 means no limit (not allowed for REORDER and BATCH).
 */
public record ChaosRule(String id, Effect effect, String field, int count, double probability, Duration delay,
		Order order) {

	public enum Effect {
		DUPLICATE, DELAY, REORDER, BATCH
	}

	public enum Order {
		REVERSE, SHUFFLE
	}

	/** Whether the rule holds deliveries back until its batch is complete. */
	boolean holds() {
		return effect == Effect.REORDER || effect == Effect.BATCH;
	}
}

package io.wabaflow.sandbox.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One webhook POST and its attempts. Mutated by the dispatcher's threads, read by the scenario API: synchronized. */
final class Delivery {

	enum State {
		SCHEDULED, HELD, BATCHED, RETRYING, DELIVERED, GAVE_UP, DROPPED_NOT_SUBSCRIBED, DROPPED_NO_CALLBACK, DROPPED_UNVERIFIED
	}

	record Attempt(Instant at, int status, String error, long millis) {
	}

	final String id;
	final long seq;
	final Instant createdAt;
	final String field;
	final String wabaId;
	final String phoneNumberId;
	final String url;
	final String body;
	final String signature;
	final String duplicateOf;
	final long generation;
	private State state;
	private final List<Attempt> attempts = new ArrayList<>();
	private String chaos;

	Delivery(String id, long seq, Instant createdAt, Webhook webhook, String url, String body, String signature,
			String duplicateOf, long generation, State state) {
		this.id = id;
		this.seq = seq;
		this.createdAt = createdAt;
		this.field = webhook.field();
		this.wabaId = webhook.wabaId();
		this.phoneNumberId = webhook.phoneNumberId();
		this.url = url;
		this.body = body;
		this.signature = signature;
		this.duplicateOf = duplicateOf;
		this.generation = generation;
		this.state = state;
	}

	synchronized void state(State next) {
		state = next;
	}

	synchronized State state() {
		return state;
	}

	synchronized void chaos(String effect) {
		chaos = effect;
	}

	synchronized int recordAttempt(Attempt attempt) {
		attempts.add(attempt);
		return attempts.size();
	}

	synchronized DeliveryView view() {
		return new DeliveryView(id, seq, createdAt, field, wabaId, phoneNumberId, url, state.name(), chaos,
				duplicateOf, List.copyOf(attempts).stream()
						.map(a -> new DeliveryView.AttemptView(a.at(), a.status(), a.error(), a.millis())).toList(),
				signature, body);
	}
}

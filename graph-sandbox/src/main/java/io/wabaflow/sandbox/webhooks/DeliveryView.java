package io.wabaflow.sandbox.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * What the scenario API shows of a delivery: where it went, what happened to each attempt, the signature header
 * value and the exact body sent. {@code chaos} names the trouble applied to it (duplicate, reorder, delay).
 */
public record DeliveryView(String id, long seq, Instant createdAt, String field, String wabaId, String phoneNumberId,
		String url, String state, String chaos, String duplicateOf, List<AttemptView> attempts, String signature,
		String body) {

	/** {@code status} 0 means no HTTP answer (connection refused, timeout): see {@code error}. */
	public record AttemptView(Instant at, int status, String error, long millis) {
	}
}

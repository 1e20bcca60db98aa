package io.wabaflow.ingress.command;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.wabaflow.ingress.IngressProperties;

/**
 * The commands this instance published under an {@code Idempotency-Key}, for a bounded time and number:
 * a repeated request within that window is answered from here and not published again. Across
 * instances and restarts the command id, derived from the key, is what deduplicates: the worker
 * executes a command id once. Thread-safe.
 */
final class RecentCommands {

	private final Cache<String, Claim> claims;

	RecentCommands(IngressProperties properties, Clock clock) {
		this.claims = Caffeine.newBuilder()
				.maximumSize(properties.idempotencyEntries())
				.expireAfterWrite(properties.idempotencyWindow())
				.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
				.build();
	}

	/**
	 * Claims a command id for a request. The first request of an id gets a {@link Claim#fresh() fresh}
	 * claim and must publish, then {@link #published} or {@link #failed}; a later request gets the first
	 * one's claim, whose {@link Claim#accepted()} completes once that publish is durable.
	 *
	 * @param requestFingerprint what the request asked for; a key reused for something else is a conflict
	 */
	Claim claim(String commandId, String requestFingerprint) {
		Claim candidate = new Claim(commandId, requestFingerprint, new CompletableFuture<>(), true);
		Claim existing = claims.asMap().putIfAbsent(commandId, candidate);
		if (existing == null) {
			return candidate;
		}
		return new Claim(commandId, existing.requestFingerprint(), existing.accepted(), false);
	}

	void published(Claim claim) {
		claim.accepted().complete(null);
	}

	/** Forgets a claim whose publish failed, so that the client's retry publishes again. */
	void failed(Claim claim, Throwable failure) {
		claims.asMap().remove(claim.commandId(), claim);
		claim.accepted().completeExceptionally(failure);
	}

	/**
	 * @param fresh whether this request must publish (the first with this command id)
	 */
	record Claim(String commandId, String requestFingerprint, CompletableFuture<Void> accepted, boolean fresh) {

		boolean sameRequest(String fingerprint) {
			return requestFingerprint.equals(fingerprint);
		}
	}
}

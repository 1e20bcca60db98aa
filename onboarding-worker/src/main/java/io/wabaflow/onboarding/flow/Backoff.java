package io.wabaflow.onboarding.flow;

import java.time.Duration;

import io.wabaflow.onboarding.OnboardingProperties;

/**
 * Exponential back-off of a step that failed for a transient reason: retry n waits
 * {@code initial * multiplier^(n-1)}, capped; throttling (Meta's rate limits) starts higher. Deterministic on
 * purpose: the delay goes through the delay tiers, whose granularity adds its own spread.
 */
public final class Backoff {

	private final OnboardingProperties.Retry retry;

	public Backoff(OnboardingProperties.Retry retry) {
		this.retry = retry;
	}

	/** @param retryNumber 1 for the first retry */
	public Duration delay(int retryNumber, boolean throttled) {
		Duration initial = throttled ? retry.throttledInitialDelay() : retry.initialDelay();
		double millis = initial.toMillis() * Math.pow(retry.multiplier(), Math.max(0, retryNumber - 1));
		long capped = (long) Math.min(millis, Math.max(retry.maxDelay().toMillis(), initial.toMillis()));
		return Duration.ofMillis(capped);
	}

	/** Whether a step that has failed {@code failedAttempts} times may run again. */
	public boolean mayRetry(int failedAttempts) {
		return failedAttempts < retry.maxAttempts();
	}

	public int maxAttempts() {
		return retry.maxAttempts();
	}
}

package io.wabaflow.onboarding;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wabaflow.onboarding.*}: the worker's own settings (see README.md, "Configuration"). Every delay is a
 * setting, so tests run the whole state machine in milliseconds.
 *
 * @param registrationPin the 6-digit two-step PIN numbers are registered with ({@code WABAFLOW_REGISTRATION_PIN});
 *                        required outside the dev profile
 * @param graph           the Graph API and the app that calls it
 * @param polling         "poll until the new WABA is visible": how often and how many times
 * @param retry           back-off of transient and throttled Graph errors
 * @param awaiting        a flow whose strategies all failed waits, then runs discovery and the strategies again
 * @param phoneWaitPolls  polls of the WABA's phone numbers while it has none yet (a WABA just created has none);
 *                        then the flow completes without a number
 * @param shortDelay      the short delay tier: the granularity of back-off
 * @param claimTimeout    a step claimed longer ago than this is considered lost (the worker stopped during it)
 *                        and is run again; must exceed the Graph request timeout
 * @param sweepInterval   how often lost steps are looked for
 * @param stallTimeout    a step overdue this long, unclaimed and unchanged, lost its continuation: it is sent again
 * @param syncWindow      how long after onboarding coexistence contacts/history may be requested (Meta: 24 h)
 * @param executorThreads threads that run steps between Graph calls (claims, transactions); they never wait on time
 * @param maxStepsInFlight steps running at once; more due steps wait in a queue (no thread waits), unclaimed, so a
 *                        claim only ages while its step really runs
 * @param outbox          the relay that publishes what transactions wrote to the outbox
 * @param concurrency     Kafka consumers per listener
 */
@ConfigurationProperties("wabaflow.onboarding")
public record OnboardingProperties(String registrationPin, Graph graph, Polling polling, Retry retry, Awaiting awaiting,
		Integer phoneWaitPolls, Duration shortDelay, Duration claimTimeout, Duration sweepInterval, Duration stallTimeout,
		Duration syncWindow,
		Integer executorThreads, Integer maxStepsInFlight, Outbox outbox, Concurrency concurrency) {

	public OnboardingProperties {
		graph = graph == null ? new Graph(null, null, null, null, null, null) : graph;
		polling = polling == null ? new Polling(null, null) : polling;
		retry = retry == null ? new Retry(null, null, null, null, null) : retry;
		awaiting = awaiting == null ? new Awaiting(null, null) : awaiting;
		phoneWaitPolls = phoneWaitPolls == null ? 3 : phoneWaitPolls;
		shortDelay = shortDelay == null ? Duration.ofSeconds(1) : shortDelay;
		claimTimeout = claimTimeout == null ? Duration.ofSeconds(60) : claimTimeout;
		sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
		stallTimeout = stallTimeout == null ? Duration.ofMinutes(10) : stallTimeout;
		syncWindow = syncWindow == null ? Duration.ofHours(24) : syncWindow;
		executorThreads = executorThreads == null || executorThreads <= 0 ? 8 : executorThreads;
		maxStepsInFlight = maxStepsInFlight == null || maxStepsInFlight <= 0 ? 64 : maxStepsInFlight;
		outbox = outbox == null ? new Outbox(null, null) : outbox;
		concurrency = concurrency == null ? new Concurrency(null, null, null) : concurrency;
	}

	/** Every setting at its default (no PIN, no app): what an empty configuration binds to. */
	public static OnboardingProperties defaults() {
		return new OnboardingProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

	@Override
	public String toString() {
		return "OnboardingProperties[registrationPin=***, graph=" + graph + ", polling=" + polling + ", retry=" + retry
				+ ", awaiting=" + awaiting + ", phoneWaitPolls=" + phoneWaitPolls + ", shortDelay=" + shortDelay
				+ ", claimTimeout=" + claimTimeout + "]";
	}

	/**
	 * @param baseUrl     {@code META_GRAPH_BASE_URL}, default https://graph.facebook.com
	 * @param version     {@code META_GRAPH_VERSION}, default v23.0
	 * @param appId       {@code META_APP_ID}
	 * @param appSecret   {@code META_APP_SECRET}; never logged
	 * @param timeout     one call's limit; a call without an answer is RETRYABLE
	 * @param maxInFlight Graph calls in flight at once; more wait in a queue (no thread waits)
	 */
	public record Graph(URI baseUrl, String version, String appId, String appSecret, Duration timeout,
			Integer maxInFlight) {

		public Graph {
			baseUrl = baseUrl == null ? URI.create("https://graph.facebook.com") : baseUrl;
			version = version == null || version.isBlank() ? "v23.0" : version;
			timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
			maxInFlight = maxInFlight == null || maxInFlight <= 0 ? 64 : maxInFlight;
		}

		@Override
		public String toString() {
			return "Graph[baseUrl=" + baseUrl + ", version=" + version + ", appId=" + appId + ", appSecret=***]";
		}
	}

	/** Seed 001: 10 attempts, 3 s apart. */
	public record Polling(Duration interval, Integer maxAttempts) {

		public Polling {
			interval = interval == null ? Duration.ofSeconds(3) : interval;
			maxAttempts = maxAttempts == null || maxAttempts <= 0 ? 10 : maxAttempts;
		}
	}

	/**
	 * Exponential back-off: retry n waits {@code initialDelay * multiplier^(n-1)}, at most {@code maxDelay};
	 * throttling (4, 80007, ...) starts at {@code throttledInitialDelay}. After {@code maxAttempts} attempts of a
	 * step the flow fails (a creation strategy counts as failed and the next one runs).
	 */
	public record Retry(Integer maxAttempts, Duration initialDelay, Double multiplier, Duration maxDelay,
			Duration throttledInitialDelay) {

		public Retry {
			maxAttempts = maxAttempts == null || maxAttempts <= 0 ? 6 : maxAttempts;
			initialDelay = initialDelay == null ? Duration.ofSeconds(2) : initialDelay;
			multiplier = multiplier == null || multiplier < 1 ? 2.0 : multiplier;
			maxDelay = maxDelay == null ? Duration.ofSeconds(60) : maxDelay;
			throttledInitialDelay = throttledInitialDelay == null ? Duration.ofSeconds(15) : throttledInitialDelay;
		}
	}

	/** Seed 001: "retry after 5 minutes"; after {@code maxRounds} rounds the flow fails. */
	public record Awaiting(Duration retryAfter, Integer maxRounds) {

		public Awaiting {
			retryAfter = retryAfter == null ? Duration.ofMinutes(5) : retryAfter;
			maxRounds = maxRounds == null || maxRounds <= 0 ? 12 : maxRounds;
		}
	}

	/**
	 * @param interval  the relay also runs on every commit; this is its fallback period
	 * @param batchSize rows published per round
	 */
	public record Outbox(Duration interval, Integer batchSize) {

		public Outbox {
			interval = interval == null ? Duration.ofMillis(200) : interval;
			batchSize = batchSize == null || batchSize <= 0 ? 500 : batchSize;
		}
	}

	public record Concurrency(Integer commands, Integer steps, Integer delays) {

		public Concurrency {
			commands = commands == null || commands <= 0 ? 1 : commands;
			steps = steps == null || steps <= 0 ? 3 : steps;
			delays = delays == null || delays <= 0 ? 2 : delays;
		}
	}
}

package io.wabaflow.sender;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wabaflow.sender.*}: how the sender reaches Meta, how fast it may send, how it retries and how it
 * settles a send whose outcome it could not record. Every value has an environment variable in
 * {@code service.yml}; the README lists them.
 */
@ConfigurationProperties("wabaflow.sender")
public class SenderProperties {

	/**
	 * What to do with a send whose Graph call may have happened but whose result was never recorded (the
	 * worker died, or the call timed out after the request was written). Meta has no idempotency key for
	 * sends, so a resend may deliver the message twice.
	 */
	public enum InDoubtPolicy {
		/** Settle as {@code unknown}: never a duplicate, possibly a message that was not sent. */
		MARK_UNKNOWN,
		/** Send again: never a lost message, possibly a duplicate. */
		RESEND
	}

	private InDoubtPolicy inDoubtPolicy = InDoubtPolicy.MARK_UNKNOWN;

	/**
	 * How long a send may stay "call in progress" before it is in doubt. Must exceed the Graph request
	 * timeout, so that a live worker's slow call is never taken for a dead one.
	 */
	private Duration inDoubtAfter = Duration.ofSeconds(60);

	/** The customer service window: free-form messages only this long after the user's last message. */
	private Duration serviceWindow = Duration.ofHours(24);

	private final Graph graph = new Graph();

	private final Throughput throughput = new Throughput();

	private final Retry retry = new Retry();

	private final Pipeline pipeline = new Pipeline();

	private final Recovery recovery = new Recovery();

	public InDoubtPolicy getInDoubtPolicy() {
		return inDoubtPolicy;
	}

	public void setInDoubtPolicy(InDoubtPolicy inDoubtPolicy) {
		this.inDoubtPolicy = inDoubtPolicy;
	}

	public Duration getInDoubtAfter() {
		return inDoubtAfter;
	}

	public void setInDoubtAfter(Duration inDoubtAfter) {
		this.inDoubtAfter = inDoubtAfter;
	}

	public Duration getServiceWindow() {
		return serviceWindow;
	}

	public void setServiceWindow(Duration serviceWindow) {
		this.serviceWindow = serviceWindow;
	}

	public Graph getGraph() {
		return graph;
	}

	public Throughput getThroughput() {
		return throughput;
	}

	public Retry getRetry() {
		return retry;
	}

	public Pipeline getPipeline() {
		return pipeline;
	}

	public Recovery getRecovery() {
		return recovery;
	}

	/** Where the Graph API is. */
	public static class Graph {

		private URI baseUrl = URI.create("https://graph.facebook.com");

		private String version = "v23.0";

		private Duration requestTimeout = Duration.ofSeconds(20);

		public URI getBaseUrl() {
			return baseUrl;
		}

		public void setBaseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getVersion() {
			return version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

		public Duration getRequestTimeout() {
			return requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}
	}

	/** Messages per second per business number. */
	public static class Throughput {

		/** Meta's default for a Cloud API number. */
		private int defaultMps = 80;

		/** Meta's fixed rate for a number also on the WhatsApp Business app. */
		private int coexistenceMps = 20;

		/** Per phone_number_id, above the registry's value (e.g. a number Meta upgraded to 1000). */
		private Map<String, Integer> overrides = new LinkedHashMap<>();

		/**
		 * Headroom for network and scheduling jitter: at most N sends leave in any window of one second plus
		 * this, so that at most N arrive at Meta in any second even when requests travel unevenly.
		 */
		private Duration jitterAllowance = Duration.ofMillis(20);

		/** The largest burst, as sending time: 20 ms is 1 message at 50/s, 20 at 1000/s. */
		private Duration burst = Duration.ofMillis(20);

		/**
		 * Meta's pair rate (facts 4.5): one message to the same user every {@code pair-interval}, with bursts of up to
		 * {@code pair-burst} borrowed against it; beyond that Meta answers 131056. The sender paces a number's messages
		 * to one user to stay under it instead of learning it from the error. 0 turns the pacing off.
		 */
		private int pairBurst = 45;

		private Duration pairInterval = Duration.ofSeconds(6);

		/**
		 * Added to {@code pair-interval}: Meta counts a user's messages when they arrive, and the first of a burst may
		 * take longer to arrive (claim, connection) than the later ones, which would bring two arrivals closer than the
		 * interval. Half a second costs little against 6 s.
		 */
		private Duration pairMargin = Duration.ofMillis(500);

		public int getDefaultMps() {
			return defaultMps;
		}

		public void setDefaultMps(int defaultMps) {
			this.defaultMps = defaultMps;
		}

		public int getCoexistenceMps() {
			return coexistenceMps;
		}

		public void setCoexistenceMps(int coexistenceMps) {
			this.coexistenceMps = coexistenceMps;
		}

		public Map<String, Integer> getOverrides() {
			return overrides;
		}

		public void setOverrides(Map<String, Integer> overrides) {
			this.overrides = overrides;
		}

		public Duration getJitterAllowance() {
			return jitterAllowance;
		}

		public void setJitterAllowance(Duration jitterAllowance) {
			this.jitterAllowance = jitterAllowance;
		}

		public Duration getBurst() {
			return burst;
		}

		public void setBurst(Duration burst) {
			this.burst = burst;
		}

		public int getPairBurst() {
			return pairBurst;
		}

		public void setPairBurst(int pairBurst) {
			this.pairBurst = pairBurst;
		}

		public Duration getPairInterval() {
			return pairInterval;
		}

		public void setPairInterval(Duration pairInterval) {
			this.pairInterval = pairInterval;
		}

		public Duration getPairMargin() {
			return pairMargin;
		}

		public void setPairMargin(Duration pairMargin) {
			this.pairMargin = pairMargin;
		}
	}

	/** Delayed retries through the retry topics. */
	public static class Retry {

		/** Throttling (130429, 4, 80007) and the pair rate (131056): Meta says wait 4^n seconds. */
		private final Backoff throttled = new Backoff(Duration.ofSeconds(1), 4.0, Duration.ofSeconds(256), 6);

		/** Transient trouble (1, 2, 131000, 131016, 133004, 2494100, 5xx, a refused connection). */
		private final Backoff transientErrors = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(64), 5);

		public Backoff getThrottled() {
			return throttled;
		}

		public Backoff getTransient() {
			return transientErrors;
		}
	}

	/**
	 * Delay after the n-th call: {@code initial × multiplier^(n-1)}, at most {@code maxDelay}; a send is
	 * given up after {@code maxAttempts} calls.
	 */
	public static class Backoff {

		private Duration initial;

		private double multiplier;

		private Duration maxDelay;

		private int maxAttempts;

		Backoff(Duration initial, double multiplier, Duration maxDelay, int maxAttempts) {
			this.initial = initial;
			this.multiplier = multiplier;
			this.maxDelay = maxDelay;
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitial() {
			return initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public double getMultiplier() {
			return multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public int getMaxAttempts() {
			return maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}
	}

	/** The in-memory pipeline between the topics and the Graph API. */
	public static class Pipeline {

		/** Sends held in memory per command partition before that partition is paused. */
		private int maxInFlightPerPartition = 5000;

		/** Rows written, claimed or settled per database round trip at most. */
		private int maxBatch = 500;

		/**
		 * Graph calls of one number in flight at most (each holds an HTTP/1.1 connection). At Meta's top tier
		 * (1000/s) and ~30 ms per call about 30 are in flight.
		 */
		private int maxCallsInFlightPerNumber = 64;

		/** Threads that pace the numbers' lanes (they never block). */
		private int laneThreads = 2;

		public int getMaxInFlightPerPartition() {
			return maxInFlightPerPartition;
		}

		public void setMaxInFlightPerPartition(int maxInFlightPerPartition) {
			this.maxInFlightPerPartition = maxInFlightPerPartition;
		}

		public int getMaxBatch() {
			return maxBatch;
		}

		public void setMaxBatch(int maxBatch) {
			this.maxBatch = maxBatch;
		}

		public int getMaxCallsInFlightPerNumber() {
			return maxCallsInFlightPerNumber;
		}

		public void setMaxCallsInFlightPerNumber(int maxCallsInFlightPerNumber) {
			this.maxCallsInFlightPerNumber = maxCallsInFlightPerNumber;
		}

		public int getLaneThreads() {
			return laneThreads;
		}

		public void setLaneThreads(int laneThreads) {
			this.laneThreads = laneThreads;
		}
	}

	/** The safety net that finds sends the in-memory pipeline lost (restart, rebalance, failed writes). */
	public static class Recovery {

		private Duration sweepInterval = Duration.ofSeconds(5);

		/** A pending send this long past its due time, and not in memory, is picked up from the table. */
		private Duration pendingSlack = Duration.ofSeconds(30);

		/** An outcome recorded but not acknowledged on the topics for this long is published again. */
		private Duration publishSlack = Duration.ofSeconds(30);

		/** How long start-up waits for the phone-number registry to be read to its end. */
		private Duration registryCatchUp = Duration.ofSeconds(60);

		public Duration getSweepInterval() {
			return sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

		public Duration getPendingSlack() {
			return pendingSlack;
		}

		public void setPendingSlack(Duration pendingSlack) {
			this.pendingSlack = pendingSlack;
		}

		public Duration getPublishSlack() {
			return publishSlack;
		}

		public void setPublishSlack(Duration publishSlack) {
			this.publishSlack = publishSlack;
		}

		public Duration getRegistryCatchUp() {
			return registryCatchUp;
		}

		public void setRegistryCatchUp(Duration registryCatchUp) {
			this.registryCatchUp = registryCatchUp;
		}
	}
}

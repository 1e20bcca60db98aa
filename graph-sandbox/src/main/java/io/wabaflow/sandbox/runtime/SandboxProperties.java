package io.wabaflow.sandbox.runtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything that shapes the simulated platform. Defaults live in {@code graph-sandbox.yml}, which also maps the
 * env-var names shared with the rest of Wabaflow ({@code META_APP_ID}, {@code META_APP_SECRET}, ...); every
 * property can also be set with its relaxed env name ({@code SANDBOX_CALLBACK_URL}, {@code SANDBOX_SEED}, ...).
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
		long seed,
		String graphVersion,
		String callbackUrl,
		String verifyToken,
		App app,
		String systemUserToken,
		String partnerBusinessId,
		Duration signupCodeTtl,
		Throughput throughput,
		PairRate pairRate,
		Statuses statuses,
		Webhooks webhooks,
		Sync sync,
		Messaging messaging,
		Templates templates,
		Media media,
		Errors errors) {

	/** The Meta app whose secret signs webhooks and whose id/secret exchange signup codes. */
	public record App(String id, String secret, String name) {
	}

	/** Messages per second per business number: 80 by default, fixed 20 for coexistence numbers [TP], [COEX]. */
	public record Throughput(int defaultMps, int coexistenceMps) {
	}

	/**
	 * Pair rate limit [CAOV]: one message per {@code refillEvery} (6 s) to the same user, with bursts of up to
	 * {@code burst} (45) borrowed against that quota. Modelled as a token bucket, which is what "borrow" means.
	 */
	public record PairRate(int burst, Duration refillEvery) {
	}

	/** How long after acceptance each status webhook of an outbound message is emitted. */
	public record Statuses(Duration sentAfter, Duration deliveredAfter, Duration readAfter) {
	}

	/**
	 * Delivery of webhooks to the callback URL, and its retry policy (Meta: exponential backoff, for days).
	 * {@code concurrency}: POSTs in flight per callback URL; 1 keeps deliveries in the order they fall due (tests),
	 * more delivers concurrently as Meta does (benchmarks).
	 */
	public record Webhooks(
			Duration initialBackoff,
			double backoffMultiplier,
			Duration maxBackoff,
			int maxAttempts,
			Duration timeout,
			int threads,
			int keep,
			boolean requireSubscription,
			boolean requireVerifiedCallback,
			Duration reorderHold,
			Duration releaseGap,
			int concurrency) {
	}

	/** Coexistence sync (SMB app data): the 24 h window and how deliveries are chunked. */
	public record Sync(Duration window, int contactsPerWebhook, int messagesPerChunk, Duration chunkInterval) {
	}

	/**
	 * {@code windowViolation}: {@code status} (Meta's documented behaviour: 200 + a failed status with 131047) or
	 * {@code sync} (a 400 with 131047, also observed). {@code strictTemplates}: unknown templates fail with 132001.
	 */
	public record Messaging(Duration serviceWindow, String windowViolation, boolean strictTemplates,
			boolean strictMedia) {
	}

	/**
	 * Template review: a template created through {@code POST /{waba_id}/message_templates} is PENDING for
	 * {@code reviewDelay} (real time, like status progression), then APPROVED with a status webhook.
	 */
	public record Templates(Duration reviewDelay) {
	}

	/**
	 * The media library: a download URL is valid {@code urlTtl} (Meta: 5 minutes), a media id {@code retention}
	 * (Meta: 30 days), both on the sandbox clock. At most {@code keep} files and {@code maxTotalSize} bytes are held;
	 * beyond that the oldest are forgotten, as if Meta had purged them.
	 */
	public record Media(Duration urlTtl, Duration retention, int keep, DataSize maxTotalSize) {
	}

	/** HTTP status used for throttling errors (4, 80007, 130429, 131056); see GraphErrors for why 400. */
	public record Errors(int throttlingHttpStatus) {
	}

	public int majorGraphVersion() {
		String digits = graphVersion.replaceAll("[^0-9.]", "");
		int dot = digits.indexOf('.');
		return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
	}
}

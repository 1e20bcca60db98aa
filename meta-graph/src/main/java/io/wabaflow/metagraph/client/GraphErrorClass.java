package io.wabaflow.metagraph.client;

import java.util.Set;

/**
 * The one classification of Graph API failures every worker acts on (DESIGN.md, principle 7). Meta says
 * to build logic on the error {@code code} (and {@code error_data.details}), not on titles or HTTP status.
 */
public enum GraphErrorClass {

	/** Try again later with back-off: transient server-side trouble, timeouts, connection failures. */
	RETRYABLE,

	/** A rate limit was hit: try again after backing off, harder than for a transient error. */
	THROTTLED,

	/** The credentials are no longer good (expired, invalidated): a new token is needed, retrying won't help. */
	AUTH,

	/** The request cannot succeed as it is (invalid parameter, permission missing, policy block, window closed). */
	PERMANENT;

	// facts file 4.4; 17/32/613 are Graph's app/user/custom rate limits
	private static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613, 80007, 130429, 131056);

	private static final Set<Integer> TRANSIENT = Set.of(1, 2, 131000, 131016, 131057, 133004, 2494100);

	private static final Set<Integer> CREDENTIALS = Set.of(0, 190, 102, 463, 467);

	/**
	 * Codes the facts file says never to retry, whatever HTTP status they come with: Graph answers 3 (capability)
	 * with a 500, for instance, and retrying it only burns the rate limit.
	 */
	private static final Set<Integer> NEVER_RETRY = Set.of(3, 10, 33, 100, 368);

	/**
	 * @param code       Meta's error code, or {@code null} when the body carried none
	 * @param httpStatus the HTTP status of the answer
	 */
	public static GraphErrorClass of(Integer code, int httpStatus) {
		if (code == null) {
			// a bare 401 (a media download's CDN answers so) refuses the credentials, as 190 does
			if (httpStatus == 401) {
				return AUTH;
			}
			// status 0: no answer at all (timeout, connection refused): transient by nature
			return httpStatus == 0 || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408 ? RETRYABLE : PERMANENT;
		}
		if (THROTTLING.contains(code)) {
			return THROTTLED;
		}
		if (TRANSIENT.contains(code)) {
			return RETRYABLE;
		}
		if (CREDENTIALS.contains(code)) {
			return AUTH;
		}
		if (NEVER_RETRY.contains(code) || (code >= 200 && code <= 299)) {
			return PERMANENT;
		}
		return httpStatus >= 500 ? RETRYABLE : PERMANENT;
	}
}

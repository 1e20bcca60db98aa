package io.wabaflow.sandbox.world;

/**
 * A WhatsApp Business Account, owned by a client business and (once shared through Embedded Signup) a client of
 * the partner. {@code pollsUntilVisible} counts the reads that still do not see a freshly created WABA.
 * {@code createdBy} is the creation strategy (2A-2E) that produced it, or null for a WABA set up by the scenario.
 */
public record Waba(
		String id,
		String name,
		String ownerBusinessId,
		String partnerBusinessId,
		String currency,
		String timezoneId,
		String templateNamespace,
		String createdBy,
		int pollsUntilVisible,
		boolean appSubscribed,
		String overrideCallbackUri,
		long seq) {

	public boolean visible() {
		return pollsUntilVisible <= 0;
	}

	public Waba withPollsUntilVisible(int polls) {
		return new Waba(id, name, ownerBusinessId, partnerBusinessId, currency, timezoneId, templateNamespace,
				createdBy, polls, appSubscribed, overrideCallbackUri, seq);
	}

	public Waba withSubscription(boolean subscribed, String overrideCallback) {
		return new Waba(id, name, ownerBusinessId, partnerBusinessId, currency, timezoneId, templateNamespace,
				createdBy, pollsUntilVisible, subscribed, overrideCallback, seq);
	}
}

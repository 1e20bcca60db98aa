package io.wabaflow.metagraph.webhook;

/**
 * {@code value.contacts[]} of a {@code messages} change: who wrote (or, on statuses, who received). Since April
 * 2026 a user is named by a phone ({@code wa_id}), a business-scoped user id ({@code user_id}, a BSUID such as
 * {@code US.13491208655302741918}), or both: a user with a username may come without a phone (facts §2.0). The
 * phone may differ from the message's {@code from}.
 *
 * @param waId         the user's phone as digits, null for a BSUID-only user
 * @param name         {@code profile.name}, the user's WhatsApp profile name
 * @param userId       the BSUID, null in payloads from before BSUIDs
 * @param parentUserId {@code parent_user_id} (a BSUID across a managed business's portfolios), else null
 * @param username     {@code profile.username}, the user's WhatsApp username, else null
 */
public record ContactProfile(String waId, String name, String userId, String parentUserId, String username,
		String identityKeyHash) {
}

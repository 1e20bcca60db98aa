package io.wabaflow.metagraph.webhook;

/**
 * {@code value.contacts[]} of a {@code messages} change: who wrote. Key contacts by {@link #waId()}; it may
 * differ from the message's {@code from}.
 *
 * @param name    {@code profile.name}, the user's WhatsApp profile name
 * @param userId  business-scoped user id in newer payloads, else null
 */
public record ContactProfile(String waId, String name, String userId, String identityKeyHash) {
}

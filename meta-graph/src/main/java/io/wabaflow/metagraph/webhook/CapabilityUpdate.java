package io.wabaflow.metagraph.webhook;

/**
 * The value of a {@code business_capability_update} change: Meta changed what the business may do. The WABA is the
 * entry's id.
 *
 * @param maxDailyConversations business-initiated conversations with unique users in a moving 24 h (the messaging
 *                              limit): {@code max_daily_conversations_per_business} (2026, portfolio-wide), else the
 *                              older {@code max_daily_conversation_per_phone}; null when absent; a negative value
 *                              (Meta has written -1) means unlimited
 * @param maxPhoneNumbers       {@code max_phone_numbers_per_waba} (or {@code _per_business}); null when absent
 */
public record CapabilityUpdate(Integer maxDailyConversations, Integer maxPhoneNumbers) {
}

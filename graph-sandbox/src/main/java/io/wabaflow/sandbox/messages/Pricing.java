package io.wabaflow.sandbox.messages;

import java.time.Instant;

/**
 * What the status webhooks say about billing [STAT]: a service message inside the window is
 * {@code free_customer_service}/{@code service}; a template is {@code regular} in its category. Pricing model is
 * PMP (per-message pricing, since 2025-07-01). {@code conversationExpires} feeds the sent status's
 * {@code conversation.expiration_timestamp}.
 */
record Pricing(String category, String type, boolean billable, Instant conversationExpires) {
}

package io.wabaflow.sync.events;

/**
 * A webhook change of a field the projections do not model, kept as received.
 *
 * @param phoneNumberId the number it concerns, null for a change about the WABA
 * @param field         Meta's field ({@code account_update}, {@code calls}, ...), or {@code messages.errors} for
 *                      the value-level errors of a messages change
 */
public record WebhookEventFact(String wabaId, String eventId, String phoneNumberId, String field, long receivedAtMs,
		String valueJson) {
}

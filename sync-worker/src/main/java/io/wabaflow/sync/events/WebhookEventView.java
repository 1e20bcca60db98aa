package io.wabaflow.sync.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A change of a field the projections do not model, as Meta sent it.
 *
 * @param phoneNumberId null for a change about the WABA (templates, account updates, ...)
 * @param value         {@code changes[].value} as received
 */
public record WebhookEventView(String eventId, String field, String phoneNumberId, String wabaId, Instant receivedAt,
		@JsonRawValue String value) {
}

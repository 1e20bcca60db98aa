package io.wabaflow.metagraph.webhook;

import java.time.Instant;

import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * One {@code entry[].changes[]} element of a webhook delivery, cut out of its envelope.
 *
 * @param eventId       deterministic id of the change: SHA-256 (lowercase hex) over the WABA id, the field and
 *                      the canonical JSON of the value. Meta redelivering the change gives the same id; two
 *                      changes that differ in any of these never share one.
 * @param wabaId        the WhatsApp Business Account the change is about ({@code entry[].id}, or
 *                      {@code value.waba_info.waba_id} when the value names one)
 * @param field         {@code changes[].field}: {@code messages}, {@code history}, {@code account_update}, ...
 * @param phoneNumberId {@code value.metadata.phone_number_id}; {@code null} for account-level changes
 * @param valueJson     {@code changes[].value} as compact JSON text, same content as received
 * @param entryTime     {@code entry[].time} in Unix seconds, {@code null} when Meta sent none
 */
public record EnvelopeChange(
		String eventId,
		String wabaId,
		String field,
		String phoneNumberId,
		String valueJson,
		Long entryTime) {

	/**
	 * The Kafka key of the change: the phone number, so that one number's messages and statuses stay in
	 * order on one partition; the WABA id for changes that concern no number.
	 */
	public String partitionKey() {
		return phoneNumberId != null ? phoneNumberId : wabaId;
	}

	/** The record of {@code wabaflow.webhooks.v1} for this change, received at the given time. */
	public WebhookChange toRecord(Instant receivedAt) {
		return WebhookChange.newBuilder()
				.setEventId(eventId)
				.setObject(EnvelopeSplitter.WHATSAPP_OBJECT)
				.setWabaId(wabaId)
				.setField(field)
				.setPhoneNumberId(phoneNumberId)
				.setValueJson(valueJson)
				.setEntryTime(entryTime)
				.setReceivedAt(receivedAt)
				.build();
	}
}

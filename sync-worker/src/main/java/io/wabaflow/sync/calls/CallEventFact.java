package io.wabaflow.sync.calls;

/**
 * One event of a call as a {@code calls} webhook tells it.
 *
 * @param contactIdentity the user's identity (phone, else BSUID), null when the webhook names none
 * @param key             a hash of the event's JSON: the tie-break between two reports of the same time
 */
public record CallEventFact(String phoneNumberId, String callId, String event, String contactIdentity,
		String direction, String status, long atMs, Integer durationSeconds, String rawJson, String key) {
}

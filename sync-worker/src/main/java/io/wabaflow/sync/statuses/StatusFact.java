package io.wabaflow.sync.statuses;

/**
 * One {@code statuses[]} element of a {@code messages} webhook.
 *
 * @param status lower-case as Meta sends it; unknown ones (legacy {@code deleted}, {@code warning}) are
 *               kept as they come
 * @param key    a hash of the status JSON: the tie-break between two reports of the same second
 */
public record StatusFact(String phoneNumberId, String wamid, String status, long statusAtMs, String key,
		String recipientId, boolean group, Integer errorCode, String errorTitle, String errorDetails, String rawJson) {
}

package io.wabaflow.metagraph.webhook;

/**
 * The value of a {@code phone_number_quality_update} change: a number's quality or limits moved. It names the number
 * by its display number (there is no metadata with the phone number id); the WABA is the entry's id.
 *
 * @param event        {@code THROUGHPUT_UPGRADE} (the number may now send 1,000 messages/s, facts 4.5),
 *                     {@code UPGRADE}, {@code DOWNGRADE}, {@code FLAGGED}, {@code UNFLAGGED}, ... as sent
 * @param currentLimit the messaging limit tier now ({@code TIER_1K}, ..., {@code TIER_UNLIMITED}), null if absent
 */
public record QualityUpdate(String displayPhoneNumber, String event, String currentLimit, String oldLimit) {

	public static final String THROUGHPUT_UPGRADE = "THROUGHPUT_UPGRADE";
}

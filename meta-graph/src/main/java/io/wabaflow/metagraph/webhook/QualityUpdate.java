package io.wabaflow.metagraph.webhook;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

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

	/**
	 * The messaging limit {@code current_limit} names (facts 4.5: 250 → 2,000 → 10,000 → 100,000 → unlimited; the
	 * older 1K tier too): empty when it names none (absent, unknown), a present empty limit for {@code TIER_UNLIMITED}.
	 */
	public Optional<OptionalInt> messagingLimit() {
		if (currentLimit == null) {
			return Optional.empty();
		}
		return switch (currentLimit.strip().toUpperCase(Locale.ROOT)) {
			case "TIER_50" -> Optional.of(OptionalInt.of(50));
			case "TIER_250" -> Optional.of(OptionalInt.of(250));
			case "TIER_1K" -> Optional.of(OptionalInt.of(1_000));
			case "TIER_2K" -> Optional.of(OptionalInt.of(2_000));
			case "TIER_10K" -> Optional.of(OptionalInt.of(10_000));
			case "TIER_100K" -> Optional.of(OptionalInt.of(100_000));
			case "TIER_UNLIMITED" -> Optional.of(OptionalInt.empty());
			default -> Optional.empty();
		};
	}
}

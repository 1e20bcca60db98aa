package io.wabaflow.sandbox.world;

import java.time.Instant;

/**
 * A business phone number. A coexistence number is on the WhatsApp Business app and already registered
 * [COEX]; a cloud number needs {@code POST /register} with a 6-digit PIN before it can send.
 * {@code throughputMps} overrides the default rate when set.
 */
public record PhoneNumber(
		String id,
		String wabaId,
		String displayPhoneNumber,
		String verifiedName,
		boolean coexistence,
		boolean registered,
		String pin,
		Integer throughputMps,
		Instant onboardedAt,
		String qualityRating,
		long seq) {

	/** The rate of Meta's automatic throughput upgrade [TP]. */
	public static final int HIGH_THROUGHPUT_MPS = 1000;

	/** Upgraded to 1,000 mps: Graph's {@code throughput.level} is then HIGH (STANDARD/HIGH from secondary schemas). */
	public boolean highThroughput() {
		return throughputMps != null && throughputMps >= HIGH_THROUGHPUT_MPS;
	}

	/** The number as it appears in webhook metadata: digits only, e.g. {@code 15550783881}. */
	public String displayDigits() {
		return digitsOf(displayPhoneNumber);
	}

	public PhoneNumber withRegistration(String newPin) {
		return new PhoneNumber(id, wabaId, displayPhoneNumber, verifiedName, coexistence, true, newPin, throughputMps,
				onboardedAt, qualityRating, seq);
	}

	/** Deregistered: no longer on the Cloud API until registered again (the PIN stays: it is two-step verification). */
	public PhoneNumber withoutRegistration() {
		return new PhoneNumber(id, wabaId, displayPhoneNumber, verifiedName, coexistence, false, pin, throughputMps,
				onboardedAt, qualityRating, seq);
	}

	public PhoneNumber withThroughput(Integer mps) {
		return new PhoneNumber(id, wabaId, displayPhoneNumber, verifiedName, coexistence, registered, pin, mps,
				onboardedAt, qualityRating, seq);
	}

	public PhoneNumber withOnboardedAt(Instant at) {
		return new PhoneNumber(id, wabaId, displayPhoneNumber, verifiedName, coexistence, registered, pin,
				throughputMps, at, qualityRating, seq);
	}

	public static String digitsOf(String phone) {
		return phone == null ? "" : phone.replaceAll("[^0-9]", "");
	}
}

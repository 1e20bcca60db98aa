package io.wabaflow.sync.registry;

/**
 * A {@code PhoneNumberRegistration} without its encrypted token.
 *
 * @param throughputMps  messages per second the registry gives the number; null: the sender's default
 * @param messagingLimit Meta's messaging limit; null: not said, or unlimited
 * @param versionKey     a hash of the fields: the tie-break between two registrations with the same updated_at
 */
public record RegistrationFact(String phoneNumberId, String tenantId, String wabaId, String displayPhoneNumber,
		String numberType, String status, Integer throughputMps, Integer messagingLimit, long onboardedAtMs,
		long updatedAtMs, String versionKey) {
}

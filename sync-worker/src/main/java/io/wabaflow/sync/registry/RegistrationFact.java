package io.wabaflow.sync.registry;

/**
 * A {@code PhoneNumberRegistration} without its encrypted token.
 *
 * @param versionKey a hash of the fields: the tie-break between two registrations with the same updated_at
 */
public record RegistrationFact(String phoneNumberId, String tenantId, String wabaId, String displayPhoneNumber,
		String numberType, String status, long onboardedAtMs, long updatedAtMs, String versionKey) {
}

package io.wabaflow.sync.intake;

import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.sync.registry.RegistrationFact;

/** Reads the number registry; the encrypted access token is deliberately left out. */
final class RegistrationReader {

	void read(PhoneNumberRegistration registration, ProjectionBatch batch) {
		String numberType = registration.getNumberType().name();
		String status = registration.getStatus().name();
		long onboardedAt = registration.getOnboardedAt().toEpochMilli();
		long updatedAt = registration.getUpdatedAt().toEpochMilli();
		String versionKey = ContentHash.of(String.join("\u0000", registration.getPhoneNumberId(),
				registration.getTenantId(), registration.getWabaId(),
				String.valueOf(registration.getDisplayPhoneNumber()), numberType, status,
				Long.toString(onboardedAt), Long.toString(updatedAt), String.valueOf(registration.getThroughputMps()),
				String.valueOf(registration.getMessagingLimit())));
		batch.registrations.add(new RegistrationFact(registration.getPhoneNumberId(), registration.getTenantId(),
				registration.getWabaId(), registration.getDisplayPhoneNumber(), numberType, status,
				registration.getThroughputMps(), registration.getMessagingLimit(), onboardedAt, updatedAt, versionKey));
	}
}

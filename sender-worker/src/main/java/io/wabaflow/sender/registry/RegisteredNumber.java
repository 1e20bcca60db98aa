package io.wabaflow.sender.registry;

import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;

/**
 * A business number as the registry says it is now. The access token stays encrypted here; it is only
 * decrypted for a call ({@link NumberRegistry#accessToken}).
 *
 * @param throughputMps  the registry's rate for the number, null for the sender's default
 * @param messagingLimit Meta's messaging limit (conversations the business may start with unique users in a moving
 *                       24 h), null when unknown or unlimited
 */
public record RegisteredNumber(String phoneNumberId, String tenantId, String wabaId, NumberType type,
		NumberStatus status, byte[] encryptedAccessToken, Integer throughputMps, Integer messagingLimit) {

	/** Whether {@code tenant} onboarded this number (a registration without a tenant is nobody's to send from). */
	public boolean ownedBy(String tenant) {
		return tenantId != null && tenantId.equals(tenant);
	}

	public boolean active() {
		return status == NumberStatus.ACTIVE;
	}

	@Override
	public String toString() {
		return "RegisteredNumber[" + phoneNumberId + ", " + type + ", " + status + ", mps=" + throughputMps + ", limit=" + messagingLimit + "]";
	}
}

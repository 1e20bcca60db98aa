package io.wabaflow.sync.contacts;

import java.time.Instant;

/**
 * A contact of a business number as the API shows it.
 *
 * @param id             the identity the contact is kept under: its phone, or its BSUID when it has no phone
 * @param waId           the phone, null for a user known by BSUID only
 * @param userId         the business-scoped user id, when a webhook carried it
 * @param username       the WhatsApp username, when the user has one
 * @param conversationId the conversation of the contact's person (the same for all of a person's identities)
 * @param addressBook null when the business app never synced this contact
 * @param changedAt   the time of the last change applied, from either source
 */
public record ContactView(String id, String waId, String userId, String username, String conversationId,
		Profile profile, AddressBook addressBook,
		Instant changedAt) {

	/** The WhatsApp profile, from the contact's own messages. */
	public record Profile(String name, Instant changedAt) {
	}

	/** The business app's address book entry; {@code removed} after a {@code remove}. */
	public record AddressBook(String fullName, String firstName, boolean removed, Instant changedAt) {
	}
}

package io.wabaflow.sync.contacts;

import java.time.Instant;

/**
 * A contact of a business number as the API shows it.
 *
 * @param addressBook null when the business app never synced this contact
 * @param changedAt   the time of the last change applied, from either source
 */
public record ContactView(String waId, String conversationId, Profile profile, AddressBook addressBook,
		Instant changedAt) {

	/** The WhatsApp profile, from the contact's own messages. */
	public record Profile(String name, Instant changedAt) {
	}

	/** The business app's address book entry; {@code removed} after a {@code remove}. */
	public record AddressBook(String fullName, String firstName, boolean removed, Instant changedAt) {
	}
}

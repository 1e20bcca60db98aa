package io.wabaflow.sync.contacts;

/**
 * One {@code smb_app_state_sync} contact change from the WhatsApp Business app's address book.
 *
 * @param action      {@code add} (added or edited) or {@code remove}; a removal carries no names
 * @param changedAtMs {@code state_sync[].metadata.timestamp}
 * @param key         a hash of the change's JSON: the tie-break between two changes of the same second
 */
public record AddressBookFact(String phoneNumberId, String waId, String action, String fullName, String firstName,
		long changedAtMs, String key) {
}

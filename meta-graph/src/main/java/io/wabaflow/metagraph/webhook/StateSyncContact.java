package io.wabaflow.metagraph.webhook;

import java.time.Instant;

/**
 * A {@code smb_app_state_sync} contact: the Business app's address book, synced once and then on every
 * change. {@code ADD} means added or edited. Names are absent on {@code REMOVE}. {@code rawJson} is the whole
 * {@code state_sync[]} item as received.
 */
public record StateSyncContact(String phoneNumber, String fullName, String firstName, Action action,
		Instant timestamp, String rawJson) {

	public enum Action {
		ADD, REMOVE, UNKNOWN;

		static Action of(String value) {
			if (value == null) {
				return UNKNOWN;
			}
			return switch (value.toLowerCase(java.util.Locale.ROOT)) {
				case "add" -> ADD;
				case "remove" -> REMOVE;
				default -> UNKNOWN;
			};
		}
	}
}

package io.wabaflow.sync.identity;

/**
 * A conversation is the thread between a business number and a contact. Its id is stable and readable,
 * {@code <phone_number_id>:<wa_id>}, never a sequence: a rebuild must produce the same ids.
 */
public record ConversationKey(String phoneNumberId, String contactWaId) implements Comparable<ConversationKey> {

	public String id() {
		return phoneNumberId + ":" + contactWaId;
	}

	/** The key of a conversation id, or null when it is not one. */
	public static ConversationKey parse(String id) {
		int colon = id == null ? -1 : id.indexOf(':');
		if (colon <= 0 || colon == id.length() - 1) {
			return null;
		}
		return new ConversationKey(id.substring(0, colon), id.substring(colon + 1));
	}

	@Override
	public int compareTo(ConversationKey other) {
		int byNumber = phoneNumberId.compareTo(other.phoneNumberId);
		return byNumber != 0 ? byNumber : contactWaId.compareTo(other.contactWaId);
	}
}

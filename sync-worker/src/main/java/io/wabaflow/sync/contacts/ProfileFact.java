package io.wabaflow.sync.contacts;

/**
 * What a messages webhook says about a user: the identity it keys the contact by (the phone when it carried one,
 * else the business-scoped user id) and, when present, the profile: name, BSUID, parent BSUID and username, one
 * register replaced as a whole by a later message.
 *
 * @param waId        the contact's identity (a phone's digits, or a BSUID for a user known by BSUID only)
 * @param changedAtMs the message's timestamp; null when the message carried no name (the fact then only
 *                    makes sure the contact exists and never erases a name)
 * @param messageId   the wamid that carried it: the tie-break between two names of the same second
 */
public record ProfileFact(String phoneNumberId, String waId, String profileName, Long changedAtMs, String messageId,
		String userId, String parentUserId, String username) {
}

package io.wabaflow.sync.identity;

/**
 * Two names of one user that a webhook carried together (a contact's wa_id and user_id, a message's from and
 * from_user_id, a status's recipient_id and recipient_user_id, the old and new phone of a changed number).
 */
public record LinkFact(String phoneNumberId, String identityA, String identityB) {
}

package io.wabaflow.sync.contacts;

/**
 * What an inbound message says about its sender: the wa_id and, when present, the WhatsApp profile name.
 *
 * @param changedAtMs the message's timestamp; null when the message carried no name (the fact then only
 *                    makes sure the contact exists and never erases a name)
 * @param messageId   the wamid that carried it: the tie-break between two names of the same second
 */
public record ProfileFact(String phoneNumberId, String waId, String profileName, Long changedAtMs, String messageId) {
}

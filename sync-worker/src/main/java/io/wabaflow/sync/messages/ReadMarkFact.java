package io.wabaflow.sync.messages;

/** The business marked a message (and so every earlier one) read: a MARK_READ the sender performed. */
public record ReadMarkFact(String phoneNumberId, String targetWamid, long markedAtMs) {
}

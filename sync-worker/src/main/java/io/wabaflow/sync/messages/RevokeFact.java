package io.wabaflow.sync.messages;

/** A revoke ({@code type:"revoke"}): the message was deleted for everyone. The earliest revoke counts. */
public record RevokeFact(String phoneNumberId, String targetWamid, long revokedAtMs, String revokeMessageId) {
}

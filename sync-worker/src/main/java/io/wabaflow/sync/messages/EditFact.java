package io.wabaflow.sync.messages;

/** An edit ({@code type:"edit"}) of a message: its new type and content. The latest edit wins. */
public record EditFact(String phoneNumberId, String targetWamid, String type, String contentJson, long editedAtMs,
		String editMessageId) {
}

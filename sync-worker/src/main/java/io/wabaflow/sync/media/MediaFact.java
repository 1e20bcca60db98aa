package io.wabaflow.sync.media;

/** What became of a media item, as a {@code MediaEvent} tells it: {@code stored} or {@code failed}. */
public record MediaFact(String phoneNumberId, String mediaId, String state, String mimeType, String sha256, Long size,
		String reason, String detail, long atMs, String eventId) {

	public static final String STORED = "stored";
}

package io.wabaflow.platform.media;

import java.io.IOException;

/** The bytes offered to the store exceed the limit the caller set; nothing was stored. */
public final class MediaTooLargeException extends IOException {

	private final long limit;

	public MediaTooLargeException(long limit) {
		super("The media exceeds " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}
}

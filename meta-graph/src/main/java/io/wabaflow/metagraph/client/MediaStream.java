package io.wabaflow.metagraph.client;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * A media download as it arrives: read it (on a thread of your own: reads block until bytes come) and close it.
 * Nothing is held in memory beyond the HTTP client's buffers, so a 100 MB document can go straight to a file or an
 * object store. {@code contentLength} is -1 when the server did not say.
 */
public final class MediaStream extends FilterInputStream {

	private final String mimeType;

	private final long contentLength;

	MediaStream(InputStream body, String mimeType, long contentLength) {
		super(body);
		this.mimeType = mimeType;
		this.contentLength = contentLength;
	}

	/** The {@code Content-Type} the media came with, e.g. {@code image/jpeg}; null when none. */
	public String mimeType() {
		return mimeType;
	}

	public long contentLength() {
		return contentLength;
	}
}

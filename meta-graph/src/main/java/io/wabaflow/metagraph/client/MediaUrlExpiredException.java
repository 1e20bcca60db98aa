package io.wabaflow.metagraph.client;

/**
 * A media URL answered 404: it expired (Meta's are valid 5 minutes) or no longer leads to the media. It is
 * RETRYABLE in the one sense that helps: fetch a fresh URL with {@link GraphClient#mediaInfo} and download again. If
 * Meta no longer has the media, that fetch fails for good (error 100, subcode 33, PERMANENT).
 */
public final class MediaUrlExpiredException extends GraphApiException {

	MediaUrlExpiredException(String operation, int httpStatus) {
		super(operation, new GraphError(null, null, null,
				"the media URL has expired or no longer leads to the media: fetch a fresh one with GET /<media-id>",
				null, null, httpStatus), null);
	}

	@Override
	public GraphErrorClass classification() {
		return GraphErrorClass.RETRYABLE;
	}
}

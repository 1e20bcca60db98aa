package io.wabaflow.ingress.webhook;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body up to a limit, never buffering more than the limit plus one byte. */
final class BoundedBody {

	private BoundedBody() {
	}

	/** Whether the declared {@code Content-Length} already exceeds the limit (then nothing needs reading). */
	static boolean declaredTooLarge(HttpServletRequest request, long limit) {
		return request.getContentLengthLong() > limit;
	}

	/**
	 * The whole body.
	 *
	 * @throws TooLargeException when the body is longer than {@code limit} (e.g. chunked, without a length)
	 */
	static byte[] read(HttpServletRequest request, int limit) throws IOException, TooLargeException {
		long declared = request.getContentLengthLong();
		try (InputStream in = request.getInputStream()) {
			if (declared >= 0) {
				byte[] body = in.readNBytes((int) declared);
				if (in.read() != -1) {
					throw new TooLargeException();
				}
				return body;
			}
			byte[] body = in.readNBytes(limit + 1);
			if (body.length > limit) {
				throw new TooLargeException();
			}
			return body;
		}
	}

	static final class TooLargeException extends Exception {

		TooLargeException() {
			super(null, null, false, false);
		}
	}
}

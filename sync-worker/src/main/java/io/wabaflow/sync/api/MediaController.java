package io.wabaflow.sync.api;

import java.io.InputStream;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.sync.media.MediaQueries;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/**
 * The bytes of a media item Meta sent, from the media store: streamed with its content type and length, a single
 * {@code Range} honoured (206), so a browser can seek in a voice note or video. Only the tenant whose number
 * received it sees it (404 for anyone else); one not stored yet, or never, answers 409 (problem+json) with its state and reason.
 */
@RestController
class MediaController {

	private final ActiveGeneration active;

	private final MediaStore store;

	private final MediaQueries media = new MediaQueries();

	MediaController(ActiveGeneration active, MediaStore store) {
		this.active = active;
		this.store = store;
	}

	@GetMapping("/api/v1/media/{mediaId}")
	@RequiresScope(Scope.READ)
	ResponseEntity<StreamingResponseBody> media(Principal caller, @PathVariable String mediaId,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
		MediaQueries.MediaRow row = active.read(caller, handle -> media.find(handle, mediaId).orElseGet(() -> media
				.pendingNumber(handle, mediaId)
				.map(number -> new MediaQueries.MediaRow(number, mediaId, "pending", null, null, null, null, null))
				.orElseThrow(() -> new NotFoundException("No media " + mediaId + " in a message of your numbers"))));
		if (!row.stored() || row.size() == null) {
			throw new NotStoredException(row);
		}
		long size = row.size();
		MediaType type = row.mimeType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(row.mimeType());
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
		headers.setETag("\"" + row.sha256() + "\"");
		headers.setCacheControl("private, max-age=31536000, immutable"); // addressed by content: it never changes
		if (range == null || range.isBlank()) {
			headers.setContentLength(size);
			return ResponseEntity.ok().headers(headers).body(body(row.sha256(), 0, size));
		}
		List<HttpRange> ranges;
		try {
			ranges = HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException e) {
			ranges = List.of();
		}
		if (ranges.size() != 1 || size == 0 || !satisfiable(ranges.get(0), size)) {
			return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
					.header(HttpHeaders.CONTENT_RANGE, "bytes */" + size).build();
		}
		long start = ranges.get(0).getRangeStart(size);
		long end = ranges.get(0).getRangeEnd(size);
		headers.setContentLength(end - start + 1);
		headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
		return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).headers(headers).body(body(row.sha256(), start, end - start + 1));
	}

	private static boolean satisfiable(HttpRange range, long size) {
		try {
			return range.getRangeStart(size) < size;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	private StreamingResponseBody body(String sha256, long from, long length) {
		return out -> {
			try (InputStream in = store.open(sha256, from, length)) {
				in.transferTo(out);
			}
		};
	}

	@ExceptionHandler(NotStoredException.class)
	ResponseEntity<ProblemDetail> notStored(NotStoredException e) {
		MediaQueries.MediaRow row = e.row;
		boolean pending = "pending".equals(row.state());
		ResponseEntity<ProblemDetail> answer = ApiErrors.problem(HttpStatus.CONFLICT,
				pending ? "media-pending" : "media-failed", pending
						? "Media " + row.mediaId() + " is not downloaded yet: try again in a few seconds"
						: "Media " + row.mediaId() + " could not be downloaded (" + row.reason() + "): " + row.detail());
		answer.getBody().setProperty("state", row.state());
		answer.getBody().setProperty("reason", row.reason());
		return answer;
	}

	static final class NotStoredException extends RuntimeException {

		private final transient MediaQueries.MediaRow row;

		NotStoredException(MediaQueries.MediaRow row) {
			super("media " + row.mediaId() + " is " + row.state());
			this.row = row;
		}
	}
}

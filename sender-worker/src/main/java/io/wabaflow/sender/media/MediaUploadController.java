package io.wabaflow.sender.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.wabaflow.metagraph.message.MediaLimits;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.platform.media.MediaTooLargeException;
import io.wabaflow.platform.media.StoredMedia;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/media?phone_number_id=…}: a file for a number's messages, as multipart ({@code file}, and
 * {@code type} when the part's own content type is not the one to use) or as the raw body with its
 * {@code Content-Type} (and {@code filename} in the query). Its type and size are checked against WhatsApp's limits
 * before anything is uploaded (415, 413, with the limit named), it is kept in the media store and uploaded to Meta
 * for the number; the answer's {@code id} is Meta's media id, for a send's {@code image|audio|video|document|sticker}
 * {@code {"id": …}}, or its {@code sha256} into a send's {@code media_sha256}. The same file uploaded for the same
 * number within 29 days keeps Meta's first id ({@link MediaUploads}).
 */
@RestController
class MediaUploadController {

	/** Uploads of up to 100 MB take a while on a slow link. */
	private static final Duration GRAPH_WAIT = Duration.ofMinutes(5);

	private final NumberRegistry registry;

	private final MediaStore store;

	private final MediaUploads uploads;

	MediaUploadController(NumberRegistry registry, MediaStore store, MediaUploads uploads) {
		this.registry = registry;
		this.store = store;
		this.uploads = uploads;
	}

	/** The upload's answer. */
	record Uploaded(String id, String phoneNumberId, String mimeType, String filename, long size, String sha256) {
	}

	@PostMapping(path = "/api/v1/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@RequiresScope(Scope.MESSAGES_SEND)
	ResponseEntity<Uploaded> multipart(Principal caller, @RequestParam("phone_number_id") String phoneNumberId,
			@RequestPart("file") MultipartFile file, @RequestParam(name = "type", required = false) String type)
			throws IOException {
		String mimeType = type != null && !type.isBlank() ? type : file.getContentType();
		try (InputStream content = file.getInputStream()) {
			return upload(caller, phoneNumberId, mimeType, file.getOriginalFilename(), file.getSize(), content);
		}
	}

	@PostMapping(path = "/api/v1/media")
	@RequiresScope(Scope.MESSAGES_SEND)
	ResponseEntity<Uploaded> raw(Principal caller, @RequestParam("phone_number_id") String phoneNumberId,
			@RequestParam(name = "filename", required = false) String filename,
			@RequestHeader(name = "Content-Type", required = false) String contentType, HttpServletRequest request)
			throws IOException {
		try (InputStream content = request.getInputStream()) {
			return upload(caller, phoneNumberId, contentType, filename, request.getContentLengthLong(), content);
		}
	}

	private ResponseEntity<Uploaded> upload(Principal caller, String phoneNumberId, String contentType, String filename,
			long declaredSize, InputStream content) throws IOException {
		RegisteredNumber number = registry.find(phoneNumberId)
				.filter(n -> caller.operator() || n.ownedBy(caller.tenantId()))
				.orElseThrow(() -> new NotOwnedException("No number " + phoneNumberId + " of yours"));
		String mimeType = baseType(contentType);
		MediaLimits kind = MediaLimits.ofMimeType(mimeType).orElseThrow(() -> new ApiProblem(
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", MediaLimits.violationOf(mimeType, 0)
						.orElse(mimeType + " is not a type WhatsApp sends")));
		if (declaredSize == 0) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "empty-media", "The file is empty: send its bytes");
		}
		if (declaredSize > 0) {
			kind.violation(mimeType, declaredSize).ifPresent(problem -> {
				throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "media-too-large", problem);
			});
		}
		StoredMedia stored;
		try {
			// a body that did not say its length is counted as it comes, and cut off at the limit
			stored = store.put(content, mimeType, kind.maxBytes());
		}
		catch (MediaTooLargeException e) {
			throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "media-too-large", "The " + kind.metaName()
					+ " exceeds WhatsApp's " + megabytes(kind.maxBytes()) + " limit for " + kind.metaName() + " files");
		}
		if (stored.size() == 0) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "empty-media", "The file is empty: send its bytes");
		}
		String name = filename != null && !filename.isBlank() ? filename : "upload";
		String id;
		try {
			// the same file uploaded for this number lately is Meta's already: its id is reused
			id = uploads.mediaIdFor(phoneNumberId, stored, mimeType, name, registry.accessToken(number));
		}
		catch (CompletionException e) {
			id = ApiProblem.awaitGraph(CompletableFuture.failedFuture(e.getCause()), GRAPH_WAIT);
		}
		return ResponseEntity.status(HttpStatus.CREATED)
				.body(new Uploaded(id, phoneNumberId, mimeType, filename, stored.size(), stored.sha256()));
	}

	private static String megabytes(long bytes) {
		return bytes >= (1 << 20) ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
	}

	/** {@code audio/ogg; codecs=opus} is audio/ogg to the limits (Meta sends it so, and accepts it so). */
	private static String baseType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"Say what the file is: a Content-Type (or the multipart part's, or type=) such as image/jpeg");
		}
		int parameters = contentType.indexOf(';');
		return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
	}
}

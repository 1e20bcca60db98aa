package io.wabaflow.sender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphErrorClass;
import io.wabaflow.metagraph.message.MediaLimits;
import io.wabaflow.platform.media.StoredMedia;
import io.wabaflow.sender.media.MediaUploads;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A media send may name an object of the media store instead of Meta's id or a link: {@code {"media_sha256": "…",
 * "mime_type": "image/jpeg", "caption": "…"}}, e.g. a photo a user sent, forwarded, or a file uploaded more than
 * 30 days ago. Checked at intake (the object is stored, its type and size are WhatsApp's); the send then waits,
 * pending with reason {@code MEDIA_UPLOAD}, while the object is uploaded to Meta for its number (once per number
 * and object, {@link MediaUploads}), and goes on with Meta's id in its content. An upload Meta refuses rejects the
 * send ({@code MEDIA_UPLOAD_FAILED}); Meta away is tried again a little later, for up to an hour.
 */
final class StoredMediaSends {

	static final String MEDIA_UPLOAD = "MEDIA_UPLOAD";

	static final String MEDIA_UPLOAD_FAILED = "MEDIA_UPLOAD_FAILED";

	private static final Set<String> MEDIA_TYPES = Set.of("IMAGE", "AUDIO", "VIDEO", "DOCUMENT", "STICKER");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/** How long an upload Meta does not answer is tried again before the send is rejected. */
	private static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

	private final JsonMapper json = JsonMapper.builder().build();

	private final MediaUploads uploads;

	private final NumberRegistry registry;

	private final SendStore store;

	private final Executor uploading;

	private final Clock clock;

	StoredMediaSends(MediaUploads uploads, NumberRegistry registry, SendStore store, Executor uploading, Clock clock) {
		this.uploads = uploads;
		this.registry = registry;
		this.store = store;
		this.uploading = uploading;
		this.clock = clock;
	}

	/** The stored object a send names, if it names one. */
	Optional<String> named(String messageType, String contentJson) {
		if (messageType == null || !MEDIA_TYPES.contains(messageType) || contentJson == null
				|| !contentJson.contains("media_sha256")) {
			return Optional.empty();
		}
		try {
			JsonNode content = json.readTree(contentJson);
			return Optional.ofNullable(content.path("media_sha256").asString(null));
		}
		catch (JacksonException e) {
			return Optional.empty();
		}
	}

	/** What is wrong with a send naming a stored object, if anything: said before anything is queued. */
	Optional<Rejection> check(String messageType, String contentJson) {
		String sha256 = named(messageType, contentJson).orElseThrow();
		if (!SHA256.matcher(sha256).matches()) {
			return Optional.of(Rejection.invalid("media_sha256 must be the 64 lowercase hex digits of a stored object's "
					+ "SHA-256 (as POST /api/v1/media and the media events give it), got '" + sha256 + "'"));
		}
		JsonNode content = json.readTree(contentJson);
		if (content.has("id") || content.has("link")) {
			return Optional.of(Rejection.invalid("name the media once: media_sha256, or id, or link"));
		}
		String mimeType = content.path("mime_type").asString(null);
		String kind = messageType.toLowerCase(Locale.ROOT);
		MediaLimits limits = MediaLimits.of(kind).orElseThrow();
		if (mimeType == null || mimeType.isBlank()) {
			return Optional.of(Rejection.invalid("mime_type is required with media_sha256: the stored object's type, "
					+ "one of " + String.join(", ", limits.mimeTypes())));
		}
		Optional<StoredMedia> stored = uploads.stored(sha256);
		if (stored.isEmpty()) {
			return Optional.of(Rejection.invalid("No stored media " + sha256 + ": upload it with POST /api/v1/media"));
		}
		return limits.violation(mimeType, stored.get().size()).map(Rejection::invalid);
	}

	/** The content Meta's validator sees for such a send: as if Meta's id were there already. */
	String forValidation(String contentJson) {
		ObjectNode content = (ObjectNode) json.readTree(contentJson);
		content.remove("media_sha256");
		content.remove("mime_type");
		content.put("id", "0");
		return content.toString();
	}

	boolean waiting(Send row) {
		return row.state() == SendState.PENDING && MEDIA_UPLOAD.equals(row.reason());
	}

	/** What became of an upload: the send with Meta's id, a refusal, or "later". */
	record Prepared(Send row, Rejection rejection) {

		boolean later() {
			return row == null && rejection == null;
		}
	}

	/** Uploads the named object for the send's number and writes Meta's id into the send's content. */
	CompletableFuture<Prepared> prepare(Send row) {
		return CompletableFuture.supplyAsync(() -> {
			ObjectNode content = (ObjectNode) json.readTree(row.contentJson());
			String sha256 = content.path("media_sha256").asString();
			String mimeType = content.path("mime_type").asString();
			Optional<StoredMedia> stored = uploads.stored(sha256);
			Optional<RegisteredNumber> number = registry.find(row.phoneNumberId());
			if (stored.isEmpty() || number.isEmpty()) {
				return new Prepared(null, new Rejection(MEDIA_UPLOAD_FAILED, stored.isEmpty()
						? "The stored media " + sha256 + " is gone from the media store"
						: "Phone number " + row.phoneNumberId() + " is no longer registered"));
			}
			String id = uploads.mediaIdFor(row.phoneNumberId(), stored.get(), mimeType,
					content.path("filename").asString(null), registry.accessToken(number.get()));
			content.remove("media_sha256");
			content.remove("mime_type");
			content.put("id", id);
			String prepared = content.toString();
			store.prepared(row.commandId(), prepared, clock.instant());
			return new Prepared(row.withContent(prepared), null);
		}, uploading).exceptionally(failure -> refusal(row, failure));
	}

	private Prepared refusal(Send row, Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		GraphApiException graph = GraphClient.unwrap(cause);
		boolean refused = graph != null && (graph.classification() == GraphErrorClass.PERMANENT
				|| graph.classification() == GraphErrorClass.AUTH);
		Instant now = clock.instant();
		if (refused || now.isAfter(row.receivedAt().plus(GIVE_UP_AFTER))) {
			return new Prepared(null, new Rejection(MEDIA_UPLOAD_FAILED, "Uploading the stored media to Meta failed: "
					+ (graph == null ? cause.toString() : graph.getMessage())));
		}
		return new Prepared(null, null);
	}
}

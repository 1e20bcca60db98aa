package io.wabaflow.sender.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.platform.media.StoredMedia;

/**
 * A stored object uploaded to Meta for a number, once while Meta keeps it: {@code media_uploads} remembers Meta's
 * media id for (number, SHA-256) for 29 days (Meta keeps an upload 30), so a photo sent to a thousand users is
 * uploaded once. Used by {@code POST /api/v1/media} and by sends that name a stored object.
 */
@Component
public class MediaUploads {

	/** Meta keeps an uploaded media id 30 days: reused for one day less. */
	static final Duration REUSE = Duration.ofDays(29);

	private final Jdbi jdbi;

	private final GraphClient graph;

	private final MediaStore store;

	private final Clock clock;

	MediaUploads(Jdbi jdbi, GraphClient graph, MediaStore store, Clock clock) {
		this.jdbi = jdbi;
		this.graph = graph;
		this.store = store;
		this.clock = clock;
	}

	/** The stored object, if the store has it. */
	public Optional<StoredMedia> stored(String sha256) {
		return store.find(sha256);
	}

	/**
	 * Meta's media id of a stored object for a number: the one uploaded earlier while Meta still keeps it, else a new
	 * upload. Blocking (it streams the object to a file for the upload): call it on a thread of its own.
	 */
	public String mediaIdFor(String phoneNumberId, StoredMedia media, String mimeType, String filename, String token) {
		Instant now = clock.instant();
		Optional<String> known = jdbi.withHandle(handle -> handle.createQuery("""
				SELECT media_id FROM media_uploads
				WHERE phone_number_id = :pn AND sha256 = :sha AND uploaded_at > :since
				""").bind("pn", phoneNumberId).bind("sha", media.sha256()).bind("since", now.minus(REUSE))
				.mapTo(String.class).findOne());
		if (known.isPresent()) {
			return known.get();
		}
		Path file = null;
		try {
			file = Files.createTempFile("wabaflow-upload-", ".bin");
			try (InputStream bytes = store.open(media.sha256(), 0, media.size())) {
				Files.copy(bytes, file, StandardCopyOption.REPLACE_EXISTING);
			}
			String id = graph.uploadMedia(phoneNumberId, mimeType, filename == null ? "media" : filename, file, token)
					.join();
			remember(phoneNumberId, media.sha256(), id, mimeType, now);
			return id;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// a temporary file the OS cleans up
				}
			}
		}
	}

	/** An upload made elsewhere ({@code POST /api/v1/media}), for later sends of the same object. */
	void remember(String phoneNumberId, String sha256, String mediaId, String mimeType, Instant at) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO media_uploads (phone_number_id, sha256, media_id, mime_type, uploaded_at)
				VALUES (:pn, :sha, :id, :mime, :at)
				ON CONFLICT (phone_number_id, sha256) DO UPDATE SET media_id = excluded.media_id,
				    mime_type = excluded.mime_type, uploaded_at = excluded.uploaded_at
				""").bind("pn", phoneNumberId).bind("sha", sha256).bind("id", mediaId).bind("mime", mimeType)
				.bind("at", at).execute());
	}
}

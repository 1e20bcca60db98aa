package io.wabaflow.sync.media;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** A media item by Meta's id, as the reader sees it (its tenant's numbers only, V2). */
public final class MediaQueries {

	/** A media item's row: where its bytes are, or why there are none. */
	public record MediaRow(String phoneNumberId, String mediaId, String state, String mimeType, String sha256, Long size,
			String reason, String detail) {

		public boolean stored() {
			return MediaFact.STORED.equals(state);
		}
	}

	public Optional<MediaRow> find(Handle handle, String mediaId) {
		return handle.createQuery("""
				SELECT phone_number_id, media_id, state, mime_type, sha256, size, reason, detail FROM media
				WHERE media_id = :id
				ORDER BY state = 'stored' DESC, phone_number_id LIMIT 1
				""").bind("id", mediaId).map((rs, ctx) -> {
			long size = rs.getLong("size");
			return new MediaRow(rs.getString("phone_number_id"), rs.getString("media_id"), rs.getString("state"),
					rs.getString("mime_type"), rs.getString("sha256"), rs.wasNull() ? null : size, rs.getString("reason"),
					rs.getString("detail"));
		}).findOne();
	}

	/** Whether a message of the reader's numbers names this media id (so its answer is "pending", not "unknown"). */
	public Optional<String> pendingNumber(Handle handle, String mediaId) {
		return handle.createQuery("""
				SELECT phone_number_id FROM messages
				WHERE type IN ('image', 'audio', 'video', 'document', 'sticker') AND content_json::jsonb ->> 'id' = :id
				LIMIT 1
				""").bind("id", mediaId).mapTo(String.class).findOne();
	}
}

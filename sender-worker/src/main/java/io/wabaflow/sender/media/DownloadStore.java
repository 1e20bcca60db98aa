package io.wabaflow.sender.media;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** The sender's {@code media_downloads} table: who downloads what, and what became of it. */
@Component
class DownloadStore {

	/** A download as a worker holds it while it runs. */
	record Claimed(String phoneNumberId, String mediaId, String tenantId, String kind, String mimeType,
			String metaSha256, String wamid, int attempt) {
	}

	record Key(String phoneNumberId, String mediaId) {
	}

	private final Jdbi jdbi;

	DownloadStore(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	/**
	 * Records the references not seen before as pending downloads; answers those, the only ones to start (a
	 * redelivered or replayed webhook answers nothing).
	 */
	List<Key> request(List<MediaReference> references, Instant now) {
		if (references.isEmpty()) {
			return List.of();
		}
		return jdbi.withHandle(handle -> handle.createQuery("""
				INSERT INTO media_downloads (phone_number_id, media_id, kind, mime_type, meta_sha256, wamid, state,
				    first_seen_at, updated_at)
				SELECT r.pn, r.media_id, r.kind, r.mime_type, r.sha256, r.wamid, 'pending', :now, :now
				FROM unnest(:pns::text[], :ids::text[], :kinds::text[], :mimes::text[], :shas::text[], :wamids::text[])
				    AS r(pn, media_id, kind, mime_type, sha256, wamid)
				ON CONFLICT (phone_number_id, media_id) DO NOTHING
				RETURNING phone_number_id, media_id
				""").bindArray("pns", String.class, references.stream().map(MediaReference::phoneNumberId).toList())
				.bindArray("ids", String.class, references.stream().map(MediaReference::mediaId).toList())
				.bindArray("kinds", String.class, references.stream().map(MediaReference::kind).toList())
				.bindArray("mimes", String.class, references.stream().map(MediaReference::mimeType).toList())
				.bindArray("shas", String.class, references.stream().map(MediaReference::sha256).toList())
				.bindArray("wamids", String.class, references.stream().map(MediaReference::wamid).toList())
				.bind("now", now)
				.map((rs, ctx) -> new Key(rs.getString("phone_number_id"), rs.getString("media_id"))).list());
	}

	/**
	 * Takes a pending download, or one whose worker's lease ran out, for {@code lease}; empty when it is settled or
	 * another worker holds it.
	 */
	Optional<Claimed> claim(Key key, Instant now, Duration lease) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				UPDATE media_downloads
				SET state = 'downloading', attempts = attempts + 1, lease_until = :leaseUntil, updated_at = :now
				WHERE phone_number_id = :pn AND media_id = :id
				  AND (state = 'pending' OR (state = 'downloading' AND lease_until < :now))
				RETURNING phone_number_id, media_id, tenant_id, kind, mime_type, meta_sha256, wamid, attempts
				""").bind("pn", key.phoneNumberId()).bind("id", key.mediaId()).bind("now", now)
				.bind("leaseUntil", now.plus(lease))
				.map((rs, ctx) -> new Claimed(rs.getString("phone_number_id"), rs.getString("media_id"),
						rs.getString("tenant_id"), rs.getString("kind"), rs.getString("mime_type"),
						rs.getString("meta_sha256"), rs.getString("wamid"), rs.getInt("attempts")))
				.findOne());
	}

	/** Settled: stored under {@code sha256}, or failed for good; its event is published already. */
	void settle(Claimed claimed, String tenantId, String state, String sha256, Long size, String reason, String detail,
			Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE media_downloads
				SET state = :state, tenant_id = :tenant, sha256 = :sha256, size = :size, reason = :reason,
				    detail = :detail, lease_until = NULL, updated_at = :now
				WHERE phone_number_id = :pn AND media_id = :id
				""").bind("state", state).bind("tenant", tenantId).bind("sha256", sha256).bind("size", size)
				.bind("reason", reason).bind("detail", detail).bind("now", now)
				.bind("pn", claimed.phoneNumberId()).bind("id", claimed.mediaId()).execute());
	}

	/** Back to pending, woken at {@code due} by its delay record; the last failure kept for ops. */
	void later(Claimed claimed, String reason, String detail, Instant due, Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE media_downloads
				SET state = 'pending', reason = :reason, detail = :detail, lease_until = NULL, next_attempt_at = :due,
				    updated_at = :now
				WHERE phone_number_id = :pn AND media_id = :id AND state = 'downloading'
				""").bind("reason", reason).bind("detail", detail).bind("due", due).bind("now", now)
				.bind("pn", claimed.phoneNumberId()).bind("id", claimed.mediaId()).execute());
	}

	/**
	 * Unsettled downloads nobody touched since {@code before} (nor were due to be woken since): their worker stopped,
	 * or the delay record that should wake them was never written. The sweeper starts them again.
	 */
	List<Key> forgotten(Instant before, Instant now, int limit) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT phone_number_id, media_id FROM media_downloads
				WHERE state IN ('pending', 'downloading') AND GREATEST(updated_at, next_attempt_at) < :before
				  AND (lease_until IS NULL OR lease_until < :now)
				ORDER BY updated_at LIMIT :limit
				""").bind("before", before).bind("now", now).bind("limit", limit)
				.map((rs, ctx) -> new Key(rs.getString("phone_number_id"), rs.getString("media_id"))).list());
	}
}

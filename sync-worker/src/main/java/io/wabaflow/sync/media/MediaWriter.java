package io.wabaflow.sync.media;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/**
 * Keeps each media item's best outcome: stored beats failed (a later download that succeeded), and between two of
 * the same kind the earliest report wins, its event id breaking ties, so any order of the events ends the same.
 */
public final class MediaWriter {

	private static final String UPSERT = """
			INSERT INTO media AS m (phone_number_id, media_id, state, mime_type, sha256, size, reason, detail, at, event_id)
			SELECT pn, id, st, mt, sha, sz, rs, dt, %s, ev
			FROM unnest(:pn, :id, :st, :mt, :sha, :sz, :rs, :dt, :at, :ev) AS t(pn, id, st, mt, sha, sz, rs, dt, at, ev)
			ON CONFLICT (phone_number_id, media_id) DO UPDATE SET state = excluded.state, mime_type = excluded.mime_type,
				sha256 = excluded.sha256, size = excluded.size, reason = excluded.reason, detail = excluded.detail,
				at = excluded.at, event_id = excluded.event_id
			WHERE (excluded.state = 'stored', m.at, m.event_id) > (m.state = 'stored', excluded.at, excluded.event_id)
			""".formatted(Sql.ts("at"));

	public void write(Handle handle, List<MediaFact> facts) {
		for (List<MediaFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.mediaId())) {
			ColumnArrays.of(handle.createUpdate(UPSERT), round)
					.text("pn", MediaFact::phoneNumberId)
					.text("id", MediaFact::mediaId)
					.text("st", MediaFact::state)
					.text("mt", MediaFact::mimeType)
					.text("sha", MediaFact::sha256)
					.bigint("sz", MediaFact::size)
					.text("rs", MediaFact::reason)
					.text("dt", MediaFact::detail)
					.bigint("at", MediaFact::atMs)
					.text("ev", MediaFact::eventId)
					.execute();
		}
	}
}

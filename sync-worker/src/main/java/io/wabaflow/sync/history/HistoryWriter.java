package io.wabaflow.sync.history;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/**
 * Records history chunks and errors. A chunk is one row per (phase, chunk_order) however often it is
 * delivered and in whatever order chunks come (Meta: "may not be delivered sequentially"); progress is
 * the maximum reported, complete at 100.
 */
public final class HistoryWriter {

	private static final String UPSERT_CHUNKS = """
			INSERT INTO history_chunks AS h (phone_number_id, phase, chunk_order, progress, thread_count, message_count,
				first_received_at)
			SELECT pn, phase, chunk, progress, threads, messages, %s
			FROM unnest(:pn, :phase, :chunk, :progress, :threads, :messages, :at)
				AS t(pn, phase, chunk, progress, threads, messages, at)
			ON CONFLICT (phone_number_id, phase, chunk_order) DO UPDATE SET
				progress = greatest(h.progress, excluded.progress),
				thread_count = greatest(h.thread_count, excluded.thread_count),
				message_count = greatest(h.message_count, excluded.message_count),
				first_received_at = least(h.first_received_at, excluded.first_received_at)
			""".formatted(Sql.ts("at"));

	private static final String UPSERT_ERRORS = """
			INSERT INTO history_errors AS e (phone_number_id, error_code, error_title, error_message, error_details,
				first_received_at)
			SELECT pn, code, title, message, details, %s
			FROM unnest(:pn, :code, :title, :message, :details, :at) AS t(pn, code, title, message, details, at)
			ON CONFLICT (phone_number_id, error_code) DO UPDATE SET
				error_title = greatest(e.error_title, excluded.error_title),
				error_message = greatest(e.error_message, excluded.error_message),
				error_details = greatest(e.error_details, excluded.error_details),
				first_received_at = least(e.first_received_at, excluded.first_received_at)
			""".formatted(Sql.ts("at"));

	public void write(Handle handle, List<ChunkFact> chunks, List<HistoryErrorFact> errors) {
		for (List<ChunkFact> round : KeyedRounds.split(chunks,
				f -> f.phoneNumberId() + "\u0000" + String.format("%05d\u0000%09d", f.phase(), f.chunkOrder()))) {
			ColumnArrays.of(handle.createUpdate(UPSERT_CHUNKS), round)
					.text("pn", ChunkFact::phoneNumberId)
					.integer("phase", ChunkFact::phase)
					.integer("chunk", ChunkFact::chunkOrder)
					.integer("progress", ChunkFact::progress)
					.integer("threads", ChunkFact::threadCount)
					.integer("messages", ChunkFact::messageCount)
					.bigint("at", ChunkFact::receivedAtMs)
					.execute();
		}
		for (List<HistoryErrorFact> round : KeyedRounds.split(errors,
				f -> f.phoneNumberId() + "\u0000" + String.format("%012d", f.code()))) {
			ColumnArrays.of(handle.createUpdate(UPSERT_ERRORS), round)
					.text("pn", HistoryErrorFact::phoneNumberId)
					.integer("code", HistoryErrorFact::code)
					.text("title", HistoryErrorFact::title)
					.text("message", HistoryErrorFact::message)
					.text("details", HistoryErrorFact::details)
					.bigint("at", HistoryErrorFact::receivedAtMs)
					.execute();
		}
	}
}

package io.wabaflow.sync.history;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.Sql;

/** Reads the history sync state of a number from its chunks and errors. */
public final class HistorySyncQueries {

	private static final String PHASES = """
			SELECT phase, count(*) AS chunks, min(chunk_order) AS min_chunk, max(chunk_order) AS max_chunk,
				max(progress) AS progress, sum(thread_count) AS threads, sum(message_count) AS messages,
				min(first_received_at) AS first_received_at, max(first_received_at) AS last_received_at
			FROM history_chunks WHERE phone_number_id = :pn
			GROUP BY phase ORDER BY phase
			""";

	private static final String ERRORS = """
			SELECT * FROM history_errors WHERE phone_number_id = :pn ORDER BY error_code
			""";

	public HistorySyncView status(Handle handle, String phoneNumberId) {
		List<HistorySyncView.Phase> phases = handle.createQuery(PHASES).bind("pn", phoneNumberId)
				.map((rs, ctx) -> {
					int chunks = rs.getInt("chunks");
					int min = rs.getInt("min_chunk");
					int max = rs.getInt("max_chunk");
					return new HistorySyncView.Phase(rs.getInt("phase"), chunks, min, max, (max - min + 1) - chunks,
							rs.getInt("progress"), rs.getInt("threads"), rs.getInt("messages"),
							Sql.instant(rs.getTimestamp("first_received_at")),
							Sql.instant(rs.getTimestamp("last_received_at")));
				}).list();
		List<HistorySyncView.Error> errors = handle.createQuery(ERRORS).bind("pn", phoneNumberId)
				.map((rs, ctx) -> new HistorySyncView.Error(rs.getInt("error_code"), rs.getString("error_title"),
						rs.getString("error_message"), rs.getString("error_details"),
						Sql.instant(rs.getTimestamp("first_received_at"))))
				.list();
		int progress = phases.stream().mapToInt(HistorySyncView.Phase::progress).max().orElse(0);
		boolean complete = progress >= 100;
		boolean declined = errors.stream().anyMatch(e -> e.code() == HistoryErrorFact.DECLINED);
		String state = declined ? "declined" : complete ? "complete" : phases.isEmpty() ? "not_started" : "in_progress";
		return new HistorySyncView(phoneNumberId, state, progress, complete, declined,
				phases.stream().mapToInt(HistorySyncView.Phase::chunksSeen).sum(),
				phases.stream().mapToInt(HistorySyncView.Phase::messagesSeen).sum(), phases, errors);
	}
}

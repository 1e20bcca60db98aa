package io.wabaflow.sync.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.wabaflow.sync.db.Sql;
import io.wabaflow.sync.media.MediaFact;
import io.wabaflow.sync.statuses.CurrentStatus;
import io.wabaflow.sync.statuses.StatusTransition;

/**
 * Reads a conversation's messages newest first, keyset-paged by (time, id), with their status
 * transitions, reactions, edit and revoke joined in. Reactions, edits and revokes are not listed as
 * messages of their own: they annotate their targets.
 */
public final class MessageQueries {

	private static final String SELECT = """
			SELECT m.*, e.type AS edit_type, e.content_json AS edit_content, e.edited_at, v.revoked_at,
				(SELECT json_agg(json_build_object('status', s.status,
						'at', (extract(epoch FROM s.status_at) * 1000)::bigint, 'code', s.error_code,
						'title', s.error_title, 'details', s.error_details) ORDER BY s.status_at, s.status)::text
					FROM message_statuses s WHERE s.phone_number_id = m.phone_number_id AND s.wamid = m.wamid)
					AS statuses,
				(SELECT json_agg(json_build_object('reactor', r.reactor, 'emoji', r.emoji,
						'at', (extract(epoch FROM r.reacted_at) * 1000)::bigint) ORDER BY r.reactor)::text
					FROM reactions r WHERE r.phone_number_id = m.phone_number_id AND r.target_wamid = m.wamid
						AND r.emoji IS NOT NULL) AS reactions,
				(SELECT (s.raw_json::jsonb -> 'pricing')::text FROM message_statuses s
					WHERE s.phone_number_id = m.phone_number_id AND s.wamid = m.wamid AND (s.raw_json::jsonb -> 'pricing') IS NOT NULL
					ORDER BY s.status_at DESC, s.status LIMIT 1) AS pricing,
				CASE WHEN m.type IN ('image', 'audio', 'video', 'document', 'sticker')
					THEN m.content_json::jsonb ->> 'id' END AS media_id,
				md.state AS media_state, md.mime_type AS media_mime_type, md.size AS media_size,
				md.sha256 AS media_sha256, md.reason AS media_reason, md.detail AS media_detail
			FROM messages m
			LEFT JOIN media md ON md.phone_number_id = m.phone_number_id
				AND m.type IN ('image', 'audio', 'video', 'document', 'sticker')
				AND md.media_id = m.content_json::jsonb ->> 'id'
			LEFT JOIN message_edits e ON e.phone_number_id = m.phone_number_id AND e.target_wamid = m.wamid
			LEFT JOIN message_revokes v ON v.phone_number_id = m.phone_number_id AND v.target_wamid = m.wamid
			""";

	private static final String LIST = SELECT + """
			WHERE m.phone_number_id = :pn AND m.sent_at IS NOT NULL
				AND m.contact_wa_id IN (SELECT identity FROM identities WHERE phone_number_id = :pn AND person = :wa)
				AND m.type NOT IN ('reaction', 'edit', 'revoke') %s
			ORDER BY m.sent_at DESC, m.message_id DESC
			LIMIT :limit
			""";

	private static final String ONE = SELECT + """
			WHERE m.phone_number_id = :pn AND (m.message_id = :id OR m.wamid = :id OR m.command_id = :id)
				AND m.type NOT IN ('reaction', 'edit', 'revoke')
			ORDER BY m.message_id LIMIT 1
			""";

	private final JsonMapper json = JsonMapper.builder().build();

	/** One message of a number, by its id, its wamid or the command id of the send that made it. */
	public Optional<MessageView> find(Handle handle, String phoneNumberId, String id) {
		return handle.createQuery(ONE).bind("pn", phoneNumberId).bind("id", id).map((rs, ctx) -> message(rs)).findOne();
	}

	/** The messages of a person's conversation: of every identity of the person ({@code person}, V3). */
	public List<MessageView> list(Handle handle, String phoneNumberId, String contactWaId, Instant beforeAt,
			String beforeId, int limit) {
		boolean paged = beforeAt != null;
		Query query = handle.createQuery(LIST.formatted(paged ? "AND (m.sent_at, m.message_id) < (:before_at, :before_id)" : ""))
				.bind("pn", phoneNumberId)
				.bind("wa", contactWaId)
				.bind("limit", limit);
		if (paged) {
			query.bind("before_at", Timestamp.from(beforeAt)).bind("before_id", beforeId);
		}
		return query.map((rs, ctx) -> message(rs)).list();
	}

	private MessageView message(ResultSet rs) throws SQLException {
		List<StatusTransition> transitions = new ArrayList<>();
		String statusesJson = rs.getString("statuses");
		if (statusesJson != null) {
			for (JsonNode status : json.readTree(statusesJson)) {
				transitions.add(new StatusTransition(status.get("status").asString(),
						Instant.ofEpochMilli(status.get("at").asLong()), integer(status.get("code")),
						string(status.get("title")), string(status.get("details"))));
			}
		}
		List<MessageView.Reaction> reactions = new ArrayList<>();
		String reactionsJson = rs.getString("reactions");
		if (reactionsJson != null) {
			for (JsonNode reaction : json.readTree(reactionsJson)) {
				reactions.add(new MessageView.Reaction(reaction.get("reactor").asString(),
						string(reaction.get("emoji")), Instant.ofEpochMilli(reaction.get("at").asLong())));
			}
		}
		String outboundState = rs.getString("outbound_state");
		String historyStatus = rs.getString("history_status");
		String status = CurrentStatus.of(transitions);
		if (status == null) {
			status = historyStatus != null ? historyStatus.toLowerCase()
					: outboundState != null ? outboundState.toLowerCase() : null;
		}
		MessageView.Failure failure = failure(transitions, rs, outboundState);
		MessageView.Edit edit = rs.getTimestamp("edited_at") == null ? null
				: new MessageView.Edit(rs.getString("edit_type"), rs.getString("edit_content"),
						Sql.instant(rs.getTimestamp("edited_at")));
		return new MessageView(rs.getString("message_id"), rs.getString("wamid"), rs.getString("command_id"),
				rs.getString("direction"), rs.getString("origin"), rs.getString("sender"), rs.getString("author"),
				Sql.instant(rs.getTimestamp("sent_at")), rs.getString("type"), rs.getString("content_json"), media(rs),
				rs.getString("context_json"), status, transitions, failure, reactions, edit,
				Sql.instant(rs.getTimestamp("revoked_at")), rs.getString("pricing"), rs.getString("raw_json"));
	}

	private static MessageView.Media media(ResultSet rs) throws SQLException {
		String id = rs.getString("media_id");
		if (id == null) {
			return null;
		}
		String state = rs.getString("media_state");
		long size = rs.getLong("media_size");
		Long knownSize = rs.wasNull() ? null : size;
		return new MessageView.Media(id, state == null ? "pending" : state, rs.getString("media_mime_type"), knownSize,
				rs.getString("media_sha256"), rs.getString("media_reason"), rs.getString("media_detail"),
				MediaFact.STORED.equals(state) ? "/api/v1/media/" + id : null);
	}

	private static MessageView.Failure failure(List<StatusTransition> transitions, ResultSet rs, String outboundState)
			throws SQLException {
		for (StatusTransition transition : transitions) {
			if ("failed".equals(transition.status())) {
				return new MessageView.Failure(transition.errorCode(), transition.errorTitle(),
						transition.errorDetails(), transition.at());
			}
		}
		if ("FAILED".equals(outboundState) || "REJECTED".equals(outboundState)) {
			int code = rs.getInt("error_code");
			return new MessageView.Failure(rs.wasNull() ? null : code,
					rs.getString("error_title") != null ? rs.getString("error_title") : rs.getString("reject_reason"),
					rs.getString("error_details"), Sql.instant(rs.getTimestamp("outbound_state_at")));
		}
		return null;
	}

	private static String string(JsonNode node) {
		return node == null || node.isNull() ? null : node.asString();
	}

	private static Integer integer(JsonNode node) {
		return node == null || node.isNull() ? null : node.asInt();
	}
}

package io.wabaflow.sync.messages;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/**
 * Upserts messages and what happens to them (reactions, edits, revokes, read marks), each exactly once
 * whatever the number of deliveries, and with the same result in any order of arrival.
 */
public final class MessageWriter {

	/*
	 * A webhook message: the envelope and the body are registers replaced as a whole by a higher
	 * (rank, key); history_status/phase merge with greatest()/least(). The SET expressions all read the
	 * row as it was, so every CASE compares against the old ranks.
	 */
	private static final String UPSERT_WEBHOOK_MESSAGES = """
			INSERT INTO messages AS m (phone_number_id, message_id, wamid, contact_wa_id, direction, origin, sender,
				sent_at, is_group, author, env_rank, env_key, type, content_json, context_json, raw_json, body_rank,
				body_key, history_status, history_phase)
			SELECT pn, id, id, wa, dir, origin, sender, %s, grp, author, er, k, type, content, context, raw, br, k, hs, hp
			FROM unnest(:pn, :id, :wa, :dir, :origin, :sender, :at, :grp, :author, :er, :type, :content, :context, :raw,
				:br, :k, :hs, :hp)
				AS t(pn, id, wa, dir, origin, sender, at, grp, author, er, type, content, context, raw, br, k, hs, hp)
			ON CONFLICT (phone_number_id, message_id) DO UPDATE SET
				contact_wa_id = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.contact_wa_id ELSE m.contact_wa_id END,
				direction = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.direction ELSE m.direction END,
				origin = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.origin ELSE m.origin END,
				sender = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.sender ELSE m.sender END,
				sent_at = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.sent_at ELSE m.sent_at END,
				is_group = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.is_group ELSE m.is_group END,
				author = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.author ELSE m.author END,
				env_key = CASE WHEN (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
					THEN excluded.env_key ELSE m.env_key END,
				env_rank = greatest(m.env_rank, excluded.env_rank),
				type = CASE WHEN (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
					THEN excluded.type ELSE m.type END,
				content_json = CASE WHEN (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
					THEN excluded.content_json ELSE m.content_json END,
				context_json = CASE WHEN (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
					THEN excluded.context_json ELSE m.context_json END,
				raw_json = CASE WHEN (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
					THEN excluded.raw_json ELSE m.raw_json END,
				body_key = CASE WHEN (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
					THEN excluded.body_key ELSE m.body_key END,
				body_rank = greatest(m.body_rank, excluded.body_rank),
				history_status = greatest(m.history_status, excluded.history_status),
				history_phase = least(m.history_phase, excluded.history_phase)
			WHERE (excluded.env_rank, excluded.env_key) > (m.env_rank, m.env_key)
				OR (excluded.body_rank, excluded.body_key) > (m.body_rank, m.body_key)
				OR excluded.history_status > coalesce(m.history_status, '')
				OR excluded.history_phase < coalesce(m.history_phase, 2147483647)
			""".formatted(Sql.ts("at"));

	/*
	 * An outbound message event. Every event of a command carries the same recipient, type and content;
	 * greatest() keeps them (and the wamid, which only SENT carries) whatever the order. The message's
	 * time is its earliest event; the sender's verdict is a register by (rank, time, event id).
	 */
	private static final String UPSERT_OUTBOUND = """
			INSERT INTO messages AS m (phone_number_id, message_id, wamid, command_id, contact_wa_id, direction, origin,
				sender, sent_at, env_rank, type, content_json, context_json, body_rank, outbound_state,
				outbound_state_rank, outbound_state_at, outbound_state_event_id, error_code, error_title, error_details,
				reject_reason)
			SELECT pn, 'cmd:' || cmd, wamid, cmd, wa, 'outbound', 'api', sender, %1$s, 3, type, content, context, 3,
				state, rank, %1$s, eid, ec, et, ed, reason
			FROM unnest(:pn, :cmd, :wamid, :wa, :sender, :type, :content, :context, :at, :state, :rank, :eid, :ec, :et,
				:ed, :reason)
				AS t(pn, cmd, wamid, wa, sender, type, content, context, at, state, rank, eid, ec, et, ed, reason)
			ON CONFLICT (phone_number_id, message_id) DO UPDATE SET
				wamid = greatest(m.wamid, excluded.wamid),
				contact_wa_id = greatest(m.contact_wa_id, excluded.contact_wa_id),
				sender = greatest(m.sender, excluded.sender),
				type = greatest(m.type, excluded.type),
				content_json = greatest(m.content_json, excluded.content_json),
				context_json = greatest(m.context_json, excluded.context_json),
				sent_at = least(m.sent_at, excluded.sent_at),
				outbound_state = CASE WHEN %2$s THEN excluded.outbound_state ELSE m.outbound_state END,
				outbound_state_at = CASE WHEN %2$s THEN excluded.outbound_state_at ELSE m.outbound_state_at END,
				outbound_state_event_id = CASE WHEN %2$s THEN excluded.outbound_state_event_id
					ELSE m.outbound_state_event_id END,
				error_code = CASE WHEN %2$s THEN excluded.error_code ELSE m.error_code END,
				error_title = CASE WHEN %2$s THEN excluded.error_title ELSE m.error_title END,
				error_details = CASE WHEN %2$s THEN excluded.error_details ELSE m.error_details END,
				reject_reason = CASE WHEN %2$s THEN excluded.reject_reason ELSE m.reject_reason END,
				outbound_state_rank = greatest(m.outbound_state_rank, excluded.outbound_state_rank)
			""".formatted(Sql.ts("at"), """
			(excluded.outbound_state_rank, excluded.outbound_state_at, excluded.outbound_state_event_id)
					> (m.outbound_state_rank, m.outbound_state_at, m.outbound_state_event_id)""");

	private static final String UPSERT_REACTIONS = """
			INSERT INTO reactions AS r (phone_number_id, target_wamid, reactor, emoji, reacted_at, reaction_message_id)
			SELECT pn, target, reactor, emoji, %s, rid
			FROM unnest(:pn, :target, :reactor, :emoji, :at, :rid) AS t(pn, target, reactor, emoji, at, rid)
			ON CONFLICT (phone_number_id, target_wamid, reactor) DO UPDATE SET
				emoji = excluded.emoji, reacted_at = excluded.reacted_at, reaction_message_id = excluded.reaction_message_id
			WHERE (excluded.reacted_at, excluded.reaction_message_id) > (r.reacted_at, r.reaction_message_id)
			""".formatted(Sql.ts("at"));

	private static final String UPSERT_EDITS = """
			INSERT INTO message_edits AS e (phone_number_id, target_wamid, type, content_json, edited_at, edit_message_id)
			SELECT pn, target, type, content, %s, eid
			FROM unnest(:pn, :target, :type, :content, :at, :eid) AS t(pn, target, type, content, at, eid)
			ON CONFLICT (phone_number_id, target_wamid) DO UPDATE SET
				type = excluded.type, content_json = excluded.content_json, edited_at = excluded.edited_at,
				edit_message_id = excluded.edit_message_id
			WHERE (excluded.edited_at, excluded.edit_message_id) > (e.edited_at, e.edit_message_id)
			""".formatted(Sql.ts("at"));

	private static final String UPSERT_REVOKES = """
			INSERT INTO message_revokes AS v (phone_number_id, target_wamid, revoked_at, revoke_message_id)
			SELECT pn, target, %s, rid FROM unnest(:pn, :target, :at, :rid) AS t(pn, target, at, rid)
			ON CONFLICT (phone_number_id, target_wamid) DO UPDATE SET
				revoked_at = excluded.revoked_at, revoke_message_id = excluded.revoke_message_id
			WHERE (excluded.revoked_at, excluded.revoke_message_id) < (v.revoked_at, v.revoke_message_id)
			""".formatted(Sql.ts("at"));

	private static final String UPSERT_READ_MARKS = """
			INSERT INTO read_marks AS r (phone_number_id, target_wamid, marked_at)
			SELECT pn, target, %s FROM unnest(:pn, :target, :at) AS t(pn, target, at)
			ON CONFLICT (phone_number_id, target_wamid) DO UPDATE SET marked_at = excluded.marked_at
			WHERE excluded.marked_at < r.marked_at
			""".formatted(Sql.ts("at"));

	public void writeWebhookMessages(Handle handle, List<MessageFact> facts) {
		for (List<MessageFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.wamid())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_WEBHOOK_MESSAGES), round)
					.text("pn", MessageFact::phoneNumberId)
					.text("id", MessageFact::wamid)
					.text("wa", MessageFact::contactWaId)
					.text("dir", MessageFact::direction)
					.text("origin", MessageFact::origin)
					.text("sender", MessageFact::sender)
					.bigint("at", MessageFact::sentAtMs)
					.bool("grp", MessageFact::group)
					.text("author", MessageFact::author)
					.integer("er", MessageFact::envelopeRank)
					.text("type", MessageFact::type)
					.text("content", MessageFact::contentJson)
					.text("context", MessageFact::contextJson)
					.text("raw", MessageFact::rawJson)
					.integer("br", MessageFact::bodyRank)
					.text("k", MessageFact::key)
					.text("hs", MessageFact::historyStatus)
					.integer("hp", MessageFact::historyPhase)
					.execute();
		}
	}

	public void writeOutbound(Handle handle, List<OutboundFact> facts) {
		for (List<OutboundFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.commandId())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_OUTBOUND), round)
					.text("pn", OutboundFact::phoneNumberId)
					.text("cmd", OutboundFact::commandId)
					.text("wamid", OutboundFact::wamid)
					.text("wa", OutboundFact::contactWaId)
					.text("sender", OutboundFact::sender)
					.text("type", OutboundFact::type)
					.text("content", OutboundFact::contentJson)
					.text("context", OutboundFact::contextJson)
					.bigint("at", OutboundFact::occurredAtMs)
					.text("state", OutboundFact::state)
					.integer("rank", OutboundFact::stateRank)
					.text("eid", OutboundFact::eventId)
					.integer("ec", OutboundFact::errorCode)
					.text("et", OutboundFact::errorTitle)
					.text("ed", OutboundFact::errorDetails)
					.text("reason", OutboundFact::reason)
					.execute();
		}
	}

	public void writeReactions(Handle handle, List<ReactionFact> facts) {
		for (List<ReactionFact> round : KeyedRounds.split(facts,
				f -> f.phoneNumberId() + "\u0000" + f.targetWamid() + "\u0000" + f.reactor())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_REACTIONS), round)
					.text("pn", ReactionFact::phoneNumberId)
					.text("target", ReactionFact::targetWamid)
					.text("reactor", ReactionFact::reactor)
					.text("emoji", ReactionFact::emoji)
					.bigint("at", ReactionFact::reactedAtMs)
					.text("rid", ReactionFact::reactionMessageId)
					.execute();
		}
	}

	public void writeEdits(Handle handle, List<EditFact> facts) {
		for (List<EditFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.targetWamid())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_EDITS), round)
					.text("pn", EditFact::phoneNumberId)
					.text("target", EditFact::targetWamid)
					.text("type", EditFact::type)
					.text("content", EditFact::contentJson)
					.bigint("at", EditFact::editedAtMs)
					.text("eid", EditFact::editMessageId)
					.execute();
		}
	}

	public void writeRevokes(Handle handle, List<RevokeFact> facts) {
		for (List<RevokeFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.targetWamid())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_REVOKES), round)
					.text("pn", RevokeFact::phoneNumberId)
					.text("target", RevokeFact::targetWamid)
					.bigint("at", RevokeFact::revokedAtMs)
					.text("rid", RevokeFact::revokeMessageId)
					.execute();
		}
	}

	public void writeReadMarks(Handle handle, List<ReadMarkFact> facts) {
		for (List<ReadMarkFact> round : KeyedRounds.split(facts, f -> f.phoneNumberId() + "\u0000" + f.targetWamid())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_READ_MARKS), round)
					.text("pn", ReadMarkFact::phoneNumberId)
					.text("target", ReadMarkFact::targetWamid)
					.bigint("at", ReadMarkFact::markedAtMs)
					.execute();
		}
	}
}

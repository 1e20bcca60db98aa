package io.wabaflow.sender.send;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.db.TenantReads;

/**
 * The SQL of the {@code sends}, {@code windows} and {@code recipients} tables. Every write that decides
 * something is conditional (ON CONFLICT, or an UPDATE whose WHERE names the state and attempt it expects),
 * so that duplicates, a second instance after a rebalance, or a stale retry can never win twice. Batches
 * travel as arrays (one round trip for hundreds of rows).
 */
@Component
public class SendStore {

	/** Every column of {@code sends}, plus the recipient's window when the query joined it. */
	private static final String WINDOW_JOIN = """
			LEFT JOIN windows w1 ON w1.phone_number_id = s.phone_number_id
			    AND w1.wa_id = regexp_replace(s.recipient, '[^0-9]', '', 'g')
			LEFT JOIN recipients r ON r.phone_number_id = s.phone_number_id
			    AND r.input = regexp_replace(s.recipient, '[^0-9]', '', 'g')
			LEFT JOIN windows w2 ON w2.phone_number_id = s.phone_number_id AND w2.wa_id = r.wa_id
			""";

	private static final String WITH_WINDOW = "s.*, greatest(w1.last_inbound_at, w2.last_inbound_at) AS last_inbound_at";

	private static final String WITHOUT_WINDOW = "s.*, NULL::timestamptz AS last_inbound_at";

	private final Jdbi jdbi;

	private final TenantReads reads;

	SendStore(Jdbi jdbi, TenantReads reads) {
		this.jdbi = jdbi;
		this.reads = reads;
	}

	/** Inserts the commands seen for the first time; returns those rows (a duplicate returns nothing). */
	List<Send> insertNew(List<Send> rows, Instant now) {
		if (rows.isEmpty()) {
			return List.of();
		}
		return jdbi.inTransaction(handle -> handle.createQuery("""
				INSERT INTO sends AS s (command_id, tenant_id, phone_number_id, recipient, message_type, content_json,
				    reply_to, sender, biz_opaque_callback_data, issued_at, source_partition, state, attempt, reason,
				    error_details, next_attempt_at, received_at, updated_at)
				SELECT r.command_id, r.tenant_id, r.phone_number_id, r.recipient, r.message_type, r.content_json,
				    r.reply_to, r.sender, r.biz, to_timestamp(r.issued_ms / 1000.0), r.part, r.state, 0, r.reason,
				    r.details, to_timestamp(r.next_ms / 1000.0), :now, :now
				FROM unnest(:ids::text[], :tenants::text[], :pns::text[], :recipients::text[], :types::text[],
				    :contents::text[], :replies::text[], :senders::text[], :bizs::text[], :issued::bigint[],
				    :parts::int[], :states::text[], :reasons::text[], :details::text[], :nexts::bigint[])
				    AS r(command_id, tenant_id, phone_number_id, recipient, message_type, content_json, reply_to,
				         sender, biz, issued_ms, part, state, reason, details, next_ms)
				ON CONFLICT (command_id) DO NOTHING
				RETURNING %s
				""".formatted(WITHOUT_WINDOW))
				.bindArray("ids", String.class, map(rows, Send::commandId))
				.bindArray("tenants", String.class, map(rows, Send::tenantId))
				.bindArray("pns", String.class, map(rows, Send::phoneNumberId))
				.bindArray("recipients", String.class, map(rows, Send::recipient))
				.bindArray("types", String.class, map(rows, Send::messageType))
				.bindArray("contents", String.class, map(rows, Send::contentJson))
				.bindArray("replies", String.class, map(rows, Send::replyTo))
				.bindArray("senders", String.class, map(rows, Send::sender))
				.bindArray("bizs", String.class, map(rows, Send::bizOpaqueCallbackData))
				.bindArray("issued", Long.class, map(rows, s -> s.issuedAt() == null ? null : s.issuedAt().toEpochMilli()))
				.bindArray("parts", Integer.class, map(rows, Send::partition))
				.bindArray("states", String.class, map(rows, s -> s.state().name()))
				.bindArray("reasons", String.class, map(rows, Send::reason))
				.bindArray("details", String.class, map(rows, Send::errorDetails))
				.bindArray("nexts", Long.class, map(rows, r -> r.nextAttemptAt() == null ? null
						: r.nextAttemptAt().toEpochMilli()))
				.bind("now", utc(now))
				.map(SendStore::send).list());
	}

	/** A send's stored object was uploaded: its content now names Meta's id, and it waits no more. */
	void prepared(String commandId, String contentJson, Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE sends SET content_json = :content, reason = NULL, error_details = NULL, updated_at = :now
				WHERE command_id = :id AND state = 'pending' AND reason = 'MEDIA_UPLOAD'
				""").bind("id", commandId).bind("content", contentJson).bind("now", utc(now)).execute());
	}

	/** A pending send waits longer (a paused template): its next look at {@code next}; false when it moved on. */
	boolean holdAgain(String commandId, int attempt, Instant next, Instant now) {
		return jdbi.withHandle(handle -> handle.createUpdate("""
				UPDATE sends SET next_attempt_at = :next, updated_at = :now
				WHERE command_id = :id AND state = 'pending' AND attempt = :attempt
				""").bind("id", commandId).bind("attempt", attempt).bind("next", utc(next)).bind("now", utc(now))
				.execute()) == 1;
	}

	/** The rows of these commands, each with its recipient's last inbound time. */
	Map<String, Send> load(Collection<String> commandIds) {
		if (commandIds.isEmpty()) {
			return Map.of();
		}
		List<Send> rows = jdbi.withHandle(handle -> handle.createQuery("""
				SELECT %s FROM sends s
				%s
				WHERE s.command_id = ANY(:ids::text[])
				""".formatted(WITH_WINDOW, WINDOW_JOIN))
				.bindArray("ids", String.class, List.copyOf(commandIds)).map(SendStore::send).list());
		return rows.stream().collect(Collectors.toMap(Send::commandId, Function.identity(), (a, b) -> a,
				LinkedHashMap::new));
	}

	/** The row, as the worker sees it (every tenant's). */
	public Optional<Send> find(String commandId) {
		return jdbi.withHandle(handle -> find(handle, commandId));
	}

	/**
	 * The row if {@code caller} may see it, read through {@link TenantReads}: row-level security hides
	 * another tenant's row even from this query, which does not filter by tenant itself.
	 */
	public Optional<Send> findFor(Principal caller, String commandId) {
		return reads.read(caller, handle -> find(handle, commandId));
	}

	private static Optional<Send> find(Handle handle, String commandId) {
		return handle.createQuery("SELECT %s FROM sends s WHERE command_id = :id".formatted(WITHOUT_WINDOW))
				.bind("id", commandId).map(SendStore::send).findOne();
	}

	/**
	 * The last time each (number, recipient digits) pair heard from the user, or null; in the order asked.
	 * A recipient addressed by phone number also finds the window of the wa_id Meta once resolved it to.
	 */
	List<Instant> lastInbound(List<String> phoneNumberIds, List<String> recipientKeys) {
		if (phoneNumberIds.isEmpty()) {
			return List.of();
		}
		Map<Long, Instant> byOrdinal = new LinkedHashMap<>();
		jdbi.useHandle(handle -> handle.createQuery("""
				SELECT c.ord, greatest(w1.last_inbound_at, w2.last_inbound_at) AS last_inbound_at
				FROM unnest(:pns::text[], :recipients::text[]) WITH ORDINALITY AS c(pn, recipient, ord)
				LEFT JOIN windows w1 ON w1.phone_number_id = c.pn AND w1.wa_id = c.recipient
				LEFT JOIN recipients r ON r.phone_number_id = c.pn AND r.input = c.recipient
				LEFT JOIN windows w2 ON w2.phone_number_id = c.pn AND w2.wa_id = r.wa_id
				""").bindArray("pns", String.class, phoneNumberIds).bindArray("recipients", String.class, recipientKeys)
				.map((rs, ctx) -> {
					byOrdinal.put(rs.getLong("ord"), instant(rs, "last_inbound_at"));
					return null;
				}).list());
		List<Instant> result = new ArrayList<>(phoneNumberIds.size());
		for (long i = 1; i <= phoneNumberIds.size(); i++) {
			result.add(byOrdinal.get(i));
		}
		return result;
	}

	/**
	 * Claims sends for a Graph call: PENDING with the expected attempt count becomes INTENDED with one more,
	 * owned by this instance, committed before any call is made. Returns the claimed command ids.
	 */
	Set<String> claim(List<Work> works, String owner, Instant now) {
		if (works.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbi.inTransaction(handle -> handle.createQuery("""
				UPDATE sends s SET state = 'INTENDED', attempt = s.attempt + 1, owner = :owner, intended_at = :now,
				    next_attempt_at = NULL, updated_at = :now
				FROM unnest(:ids::text[], :attempts::int[]) AS w(command_id, attempt)
				WHERE s.command_id = w.command_id AND s.attempt = w.attempt AND s.state = 'PENDING'
				RETURNING s.command_id
				""").bindArray("ids", String.class, map(works, Work::commandId))
				.bindArray("attempts", Integer.class, map(works, Work::expectedAttempt))
				.bind("owner", owner).bind("now", utc(now)).mapTo(String.class).list()));
	}

	/**
	 * Writes outcomes (each only if its row is still as it expects) and, for sends Meta answered with a
	 * wa_id other than the number we addressed, remembers the alias. Returns the rows written.
	 */
	List<Send> settle(List<Settlement> settlements, List<Alias> aliases, String owner, Instant now,
			Instant inDoubtCutoff) {
		if (settlements.isEmpty()) {
			return List.of();
		}
		return jdbi.inTransaction(handle -> {
			List<Send> written = handle.createQuery("""
					UPDATE sends s SET state = r.state, wamid = coalesce(r.wamid, s.wamid), wa_id = coalesce(r.wa_id, s.wa_id),
					    error_code = r.error_code, error_title = r.error_title, error_details = r.error_details,
					    reason = r.reason, next_attempt_at = to_timestamp(r.next_ms / 1000.0), updated_at = :now
					FROM unnest(:ids::text[], :attempts::int[], :states::text[], :wamids::text[], :waIds::text[],
					    :codes::int[], :titles::text[], :details::text[], :reasons::text[], :nexts::bigint[],
					    :expects::text[])
					    AS r(command_id, attempt, state, wamid, wa_id, error_code, error_title, error_details, reason,
					         next_ms, expect)
					WHERE s.command_id = r.command_id AND s.attempt = r.attempt
					  AND ((r.expect = 'CALL' AND s.owner = :owner AND s.state IN ('INTENDED', 'UNKNOWN'))
					    OR (r.expect = 'PENDING' AND s.state = 'PENDING')
					    OR (r.expect = 'IN_DOUBT' AND s.state = 'INTENDED' AND s.intended_at <= :cutoff))
					RETURNING %s
					""".formatted(WITHOUT_WINDOW))
					.bindArray("ids", String.class, map(settlements, Settlement::commandId))
					.bindArray("attempts", Integer.class, map(settlements, Settlement::attempt))
					.bindArray("states", String.class, map(settlements, s -> s.state().name()))
					.bindArray("wamids", String.class, map(settlements, Settlement::wamid))
					.bindArray("waIds", String.class, map(settlements, Settlement::waId))
					.bindArray("codes", Integer.class, map(settlements, Settlement::errorCode))
					.bindArray("titles", String.class, map(settlements, Settlement::errorTitle))
					.bindArray("details", String.class, map(settlements, Settlement::errorDetails))
					.bindArray("reasons", String.class, map(settlements, Settlement::reason))
					.bindArray("nexts", Long.class, map(settlements,
							s -> s.nextAttemptAt() == null ? null : s.nextAttemptAt().toEpochMilli()))
					.bindArray("expects", String.class, map(settlements, s -> s.expect().name()))
					.bind("owner", owner).bind("now", utc(now)).bind("cutoff", utc(inDoubtCutoff))
					.map(SendStore::send).list();
			if (!aliases.isEmpty()) {
				handle.createUpdate("""
						INSERT INTO recipients (phone_number_id, input, wa_id)
						SELECT DISTINCT ON (a.pn, a.input) a.pn, a.input, a.wa_id
						FROM unnest(:pns::text[], :inputs::text[], :waIds::text[]) AS a(pn, input, wa_id)
						ON CONFLICT (phone_number_id, input) DO UPDATE SET wa_id = EXCLUDED.wa_id
						""").bindArray("pns", String.class, map(aliases, Alias::phoneNumberId))
						.bindArray("inputs", String.class, map(aliases, Alias::input))
						.bindArray("waIds", String.class, map(aliases, Alias::waId)).execute();
			}
			return written;
		});
	}

	/** A recipient Meta resolved to another wa_id than the digits we sent to. */
	record Alias(String phoneNumberId, String input, String waId) {
	}

	/** Notes that the topics acknowledged the events of these states (the outbox is done with them). */
	void markPublished(Map<String, SendState> published) {
		if (published.isEmpty()) {
			return;
		}
		List<String> ids = List.copyOf(published.keySet());
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE sends s SET published_state = p.state
				FROM unnest(:ids::text[], :states::text[]) AS p(command_id, state)
				WHERE s.command_id = p.command_id AND s.state = p.state
				""").bindArray("ids", String.class, ids)
				.bindArray("states", String.class, map(ids, id -> published.get(id).name())).execute());
	}

	/** In-doubt recovery with the resend policy: the send may be claimed again (one attempt more). */
	Optional<Send> reopen(String commandId, int attempt, Instant cutoff, Instant now) {
		return jdbi.inTransaction(handle -> handle.createQuery("""
				UPDATE sends s SET state = 'PENDING', reason = 'RESEND_IN_DOUBT', updated_at = :now
				WHERE command_id = :id AND attempt = :attempt AND state = 'INTENDED' AND intended_at <= :cutoff
				RETURNING %s
				""".formatted(WITHOUT_WINDOW)).bind("id", commandId).bind("attempt", attempt)
				.bind("cutoff", utc(cutoff)).bind("now", utc(now)).map(SendStore::send).findOne());
	}

	/**
	 * Command ids of PENDING sends of these partitions whose turn came before {@code dueBefore}. Only ids:
	 * most of them are usually queued in memory (a backlog waiting for its number's rate), and recovery
	 * loads the rows of the others.
	 */
	List<String> duePending(Collection<Integer> partitions, Instant dueBefore, int limit) {
		return openIds(partitions, "state = 'PENDING' AND coalesce(next_attempt_at, updated_at) <= :cutoff", dueBefore,
				limit);
	}

	/** Command ids of INTENDED sends of these partitions claimed before {@code claimedBefore}. */
	List<String> inDoubt(Collection<Integer> partitions, Instant claimedBefore, int limit) {
		return openIds(partitions, "state = 'INTENDED' AND intended_at <= :cutoff", claimedBefore, limit);
	}

	/** Command ids of settled sends of these partitions whose events were not acknowledged since {@code before}. */
	List<String> unpublished(Collection<Integer> partitions, Instant before, int limit) {
		return openIds(partitions, """
				state IN ('SENT', 'FAILED', 'REJECTED', 'UNKNOWN') AND published_state IS DISTINCT FROM state
				AND updated_at <= :cutoff
				""", before, limit);
	}

	private List<String> openIds(Collection<Integer> partitions, String condition, Instant cutoff, int limit) {
		if (partitions.isEmpty()) {
			return List.of();
		}
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT command_id FROM sends
				WHERE source_partition = ANY(:parts::int[]) AND %s
				ORDER BY updated_at
				LIMIT :limit
				""".formatted(condition))
				.bindArray("parts", Integer.class, List.copyOf(partitions)).bind("cutoff", utc(cutoff))
				.bind("limit", limit).mapTo(String.class).list());
	}

	private static Send send(ResultSet rs, StatementContext ctx) throws SQLException {
		return new Send(rs.getString("command_id"), rs.getString("tenant_id"), rs.getString("phone_number_id"),
				rs.getString("recipient"), rs.getString("message_type"), rs.getString("content_json"),
				rs.getString("reply_to"), rs.getString("sender"), rs.getString("biz_opaque_callback_data"),
				instant(rs, "issued_at"), rs.getInt("source_partition"), SendState.valueOf(rs.getString("state")),
				rs.getInt("attempt"), instant(rs, "next_attempt_at"), rs.getString("owner"), instant(rs, "intended_at"),
				rs.getString("wamid"), rs.getString("wa_id"), (Integer) rs.getObject("error_code"),
				rs.getString("error_title"), rs.getString("error_details"), rs.getString("reason"),
				rs.getString("published_state"), instant(rs, "received_at"), instant(rs, "updated_at"),
				instant(rs, "last_inbound_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static <T, R> List<R> map(Collection<T> items, Function<T, R> field) {
		List<R> values = new ArrayList<>(items.size());
		for (T item : items) {
			values.add(field.apply(item));
		}
		return values;
	}
}

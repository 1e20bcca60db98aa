package io.wabaflow.sender.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphModel.MessageTemplate;
import io.wabaflow.metagraph.webhook.TemplateUpdate;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.db.TenantReads;

/** The SQL of the {@code templates} and {@code template_catalogues} tables. */
@Component
class TemplateStore {

	private static final String COLUMNS = """
			waba_id, name, language, tenant_id, template_id, status, category, upcoming_category, upcoming_category_at,
			quality_score, reason, components_json, updated_at""";

	/** A template's identity in a WABA. */
	record Key(String wabaId, String name, String language) {
	}

	/** A template webhook to apply: the WABA it came under, its entry time (null when Meta sent none). */
	record Change(String wabaId, String tenantId, TemplateUpdate update, Long entryTime) {
	}

	private final Jdbi jdbi;

	private final TenantReads reads;

	TemplateStore(Jdbi jdbi, @Qualifier("senderTenantReads") TenantReads reads) {
		this.jdbi = jdbi;
		this.reads = reads;
	}

	/**
	 * Meta's whole list for a WABA replaces what the catalogue held for it: templates deleted at Meta (in its
	 * manager, by another tool) leave the catalogue too.
	 */
	void replace(String wabaId, String tenantId, List<MessageTemplate> listed, Instant now) {
		jdbi.useTransaction(handle -> {
			handle.createUpdate("""
					INSERT INTO templates AS t (waba_id, name, language, tenant_id, template_id, status, category,
					    quality_score, components_json, updated_at)
					SELECT :waba, l.name, l.language, :tenant, l.id, coalesce(l.status, 'UNKNOWN'), l.category, l.quality,
					    l.components, :now
					FROM unnest(:names::text[], :languages::text[], :ids::text[], :statuses::text[], :categories::text[],
					    :qualities::text[], :components::text[]) AS l(name, language, id, status, category, quality, components)
					ON CONFLICT (waba_id, name, language) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,
					    template_id = EXCLUDED.template_id, status = EXCLUDED.status, category = EXCLUDED.category,
					    quality_score = coalesce(EXCLUDED.quality_score, t.quality_score),
					    components_json = EXCLUDED.components_json, updated_at = EXCLUDED.updated_at
					""").bind("waba", wabaId).bind("tenant", tenantId).bind("now", utc(now))
					.bindArray("names", String.class, map(listed, MessageTemplate::name))
					.bindArray("languages", String.class, map(listed, t -> TemplateUpdate.language(t.language())))
					.bindArray("ids", String.class, map(listed, MessageTemplate::id))
					.bindArray("statuses", String.class, map(listed, MessageTemplate::status))
					.bindArray("categories", String.class, map(listed, MessageTemplate::category))
					.bindArray("qualities", String.class, map(listed, MessageTemplate::qualityScore))
					.bindArray("components", String.class, map(listed, MessageTemplate::components))
					.execute();
			handle.createUpdate("""
					DELETE FROM templates t WHERE t.waba_id = :waba AND NOT EXISTS (
					    SELECT 1 FROM unnest(:names::text[], :languages::text[]) AS l(name, language)
					    WHERE l.name = t.name AND l.language = t.language)
					""").bind("waba", wabaId)
					.bindArray("names", String.class, map(listed, MessageTemplate::name))
					.bindArray("languages", String.class, map(listed, t -> TemplateUpdate.language(t.language())))
					.execute();
			handle.createUpdate("""
					INSERT INTO template_catalogues (waba_id, tenant_id, synced_at) VALUES (:waba, :tenant, :now)
					ON CONFLICT (waba_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, synced_at = EXCLUDED.synced_at
					""").bind("waba", wabaId).bind("tenant", tenantId).bind("now", utc(now)).execute();
		});
	}

	/**
	 * Applies template webhooks in topic order. Each sets only what it carries; a webhook older than the newest one
	 * applied to the row (a replay) changes nothing. Answers the WABAs to read from Meta again: a template the
	 * catalogue did not know, or whose components changed.
	 */
	Set<String> apply(List<Change> changes, Instant now) {
		Set<String> resync = new HashSet<>();
		if (changes.isEmpty()) {
			return resync;
		}
		jdbi.useTransaction(handle -> {
			for (Change change : changes) {
				TemplateUpdate update = change.update();
				if (update.name() == null || update.language() == null) {
					continue;
				}
				if (TemplateUpdate.COMPONENTS.equals(update.field())) {
					resync.add(change.wabaId());
					continue;
				}
				Boolean inserted = handle.createQuery("""
						INSERT INTO templates AS t (waba_id, name, language, tenant_id, template_id, status, category,
						    upcoming_category, upcoming_category_at, quality_score, reason, event_time, updated_at)
						VALUES (:waba, :name, :language, :tenant, :id, coalesce(:status, 'UNKNOWN'), :category, :upcoming,
						    :upcomingAt, :quality, :reason, :eventTime, :now)
						ON CONFLICT (waba_id, name, language) DO UPDATE SET
						    template_id = coalesce(EXCLUDED.template_id, t.template_id),
						    status = CASE WHEN :status::text IS NULL THEN t.status ELSE EXCLUDED.status END,
						    category = coalesce(EXCLUDED.category, t.category),
						    upcoming_category = coalesce(EXCLUDED.upcoming_category, t.upcoming_category),
						    upcoming_category_at = coalesce(EXCLUDED.upcoming_category_at, t.upcoming_category_at),
						    quality_score = coalesce(EXCLUDED.quality_score, t.quality_score),
						    reason = CASE WHEN :status::text IS NULL THEN t.reason ELSE EXCLUDED.reason END,
						    event_time = greatest(t.event_time, EXCLUDED.event_time),
						    updated_at = EXCLUDED.updated_at
						WHERE t.event_time IS NULL OR EXCLUDED.event_time IS NULL OR t.event_time <= EXCLUDED.event_time
						RETURNING (xmax = 0) AS inserted
						""").bind("waba", change.wabaId()).bind("name", update.name()).bind("language", update.language())
						.bind("tenant", change.tenantId()).bind("id", update.templateId()).bind("status", update.status())
						.bind("category", update.category()).bind("upcoming", update.upcomingCategory())
						.bind("upcomingAt", utc(update.upcomingCategoryAt())).bind("quality", update.qualityScore())
						.bind("reason", reason(update.reason())).bind("eventTime", change.entryTime()).bind("now", utc(now))
						.mapTo(Boolean.class).findOne().orElse(false);
				if (inserted) {
					resync.add(change.wabaId());
				}
			}
		});
		return resync;
	}

	/** Meta writes "NONE" (or nothing) when there is no reason. */
	private static String reason(String reason) {
		return reason == null || reason.isBlank() || "NONE".equalsIgnoreCase(reason) ? null : reason;
	}

	/** A template Meta accepted for review just now: in the catalogue as Meta answered, until webhooks move it. */
	void created(String wabaId, String tenantId, String name, String language, String category, String componentsJson,
			String templateId, String status, Instant now) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO templates AS t (waba_id, name, language, tenant_id, template_id, status, category,
				    components_json, updated_at)
				VALUES (:waba, :name, :language, :tenant, :id, :status, :category, :components, :now)
				ON CONFLICT (waba_id, name, language) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,
				    template_id = EXCLUDED.template_id, status = EXCLUDED.status, category = EXCLUDED.category,
				    components_json = EXCLUDED.components_json, reason = NULL, updated_at = EXCLUDED.updated_at
				""").bind("waba", wabaId).bind("name", name).bind("language", language).bind("tenant", tenantId)
				.bind("id", templateId).bind("status", status == null ? "PENDING" : status).bind("category", category)
				.bind("components", componentsJson).bind("now", utc(now)).execute());
	}

	int delete(String wabaId, String name) {
		return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM templates WHERE waba_id = :waba AND name = :name")
				.bind("waba", wabaId).bind("name", name).execute());
	}

	/** The templates asked for, by key; a key without a row is absent. */
	Map<Key, TemplateRow> find(Collection<Key> keys) {
		Map<Key, TemplateRow> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		List<Key> list = List.copyOf(keys);
		jdbi.useHandle(handle -> handle.createQuery("""
				SELECT %s FROM templates
				WHERE (waba_id, name, language) IN (
				    SELECT * FROM unnest(:wabas::text[], :names::text[], :languages::text[]))
				""".formatted(COLUMNS)).bindArray("wabas", String.class, map(list, Key::wabaId))
				.bindArray("names", String.class, map(list, Key::name))
				.bindArray("languages", String.class, map(list, Key::language)).map(TemplateStore::row)
				.forEach(row -> found.put(new Key(row.wabaId(), row.name(), row.language()), row)));
		return found;
	}

	/** The WABAs among these whose catalogue was read from Meta at least once. */
	Set<String> catalogued(Collection<String> wabaIds) {
		if (wabaIds.isEmpty()) {
			return Set.of();
		}
		return jdbi.withHandle(handle -> Set.copyOf(handle.createQuery(
				"SELECT waba_id FROM template_catalogues WHERE waba_id = ANY(:wabas::text[])")
				.bindArray("wabas", String.class, List.copyOf(wabaIds)).mapTo(String.class).list()));
	}

	/** The languages a template name has in a WABA (for a rejection that says what exists). */
	List<String> languages(String wabaId, String name) {
		return jdbi.withHandle(handle -> handle.createQuery(
				"SELECT language FROM templates WHERE waba_id = :waba AND name = :name ORDER BY language")
				.bind("waba", wabaId).bind("name", name).mapTo(String.class).list());
	}

	/** When each catalogue was last read from Meta. */
	Map<String, Instant> syncedAt() {
		Map<String, Instant> synced = new HashMap<>();
		jdbi.useHandle(handle -> handle.createQuery("SELECT waba_id, synced_at FROM template_catalogues")
				.map((rs, ctx) -> Map.entry(rs.getString("waba_id"), instant(rs, "synced_at")))
				.forEach(entry -> synced.put(entry.getKey(), entry.getValue())));
		return synced;
	}

	/** Marks catalogues to be read from Meta again at the next check. */
	void stale(Set<String> wabaIds) {
		if (wabaIds.isEmpty()) {
			return;
		}
		jdbi.useHandle(handle -> handle.createUpdate(
				"UPDATE template_catalogues SET synced_at = to_timestamp(0) WHERE waba_id = ANY(:wabas::text[])")
				.bindArray("wabas", String.class, List.copyOf(wabaIds)).execute());
	}

	/** The read API's list, as {@code caller} may see it (row-level security), filtered when a filter is given. */
	List<TemplateRow> list(Principal caller, String wabaId, String status, String language, String name) {
		return reads.read(caller, handle -> handle.createQuery("""
				SELECT %s FROM templates
				WHERE waba_id = :waba
				  AND (:status::text IS NULL OR status = :status)
				  AND (:language::text IS NULL OR language = :language)
				  AND (:name::text IS NULL OR name = :name)
				ORDER BY name, language
				""".formatted(COLUMNS)).bind("waba", wabaId).bind("status", status).bind("language", language)
				.bind("name", name).map(TemplateStore::row).list());
	}

	Optional<Instant> syncedAt(Principal caller, String wabaId) {
		return reads.read(caller, handle -> syncedAt(handle, wabaId));
	}

	private static Optional<Instant> syncedAt(Handle handle, String wabaId) {
		return handle.createQuery("SELECT synced_at FROM template_catalogues WHERE waba_id = :waba").bind("waba", wabaId)
				.map((rs, ctx) -> instant(rs, "synced_at")).findOne();
	}

	private static TemplateRow row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
		return new TemplateRow(rs.getString("waba_id"), rs.getString("name"), rs.getString("language"),
				rs.getString("tenant_id"), rs.getString("template_id"), rs.getString("status"), rs.getString("category"),
				rs.getString("upcoming_category"), instant(rs, "upcoming_category_at"), rs.getString("quality_score"),
				rs.getString("reason"), rs.getString("components_json"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static <T> List<String> map(List<T> items, Function<T, String> field) {
		return items.stream().map(field).toList();
	}
}

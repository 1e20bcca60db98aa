package io.wabaflow.onboarding.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code onboarding.integration_log}: seed 001's integration log, one row per step attempt (tenant, step,
 * strategy, success, error code and message, details JSON, time). Rows are written in the same transaction as
 * the step's new state, so a redelivered step never writes its row twice.
 */
@Repository
public class IntegrationLog {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** One row as served by the log endpoint. */
	public record Row(long id, String onboardingId, String tenantId, String step, String strategy, boolean success,
			Integer errorCode, String errorMessage, String detailsJson, Instant createdAt) {
	}

	public void write(Handle handle, String onboardingId, String tenantId, List<LogEntry> entries, Instant now) {
		if (entries.isEmpty()) {
			return;
		}
		var batch = handle.prepareBatch("""
				INSERT INTO integration_log (onboarding_id, tenant_id, step, strategy, success, error_code, error_message,
				  details, created_at)
				VALUES (:onboardingId, :tenantId, :step, :strategy, :success, :errorCode, :errorMessage,
				  CAST(:details AS jsonb), :now)
				""");
		for (LogEntry entry : entries) {
			batch.bind("onboardingId", onboardingId).bind("tenantId", tenantId).bind("step", entry.step())
					.bind("strategy", entry.strategy()).bind("success", entry.success())
					.bind("errorCode", entry.errorCode()).bind("errorMessage", entry.errorMessage())
					.bind("details", json(entry.details())).bind("now", now).add();
		}
		batch.execute();
	}

	/** The tenant's log, oldest first, optionally of one onboarding only (in the status API's transaction). */
	public List<Row> ofTenant(Handle handle, String tenantId, String onboardingId, long afterId, int limit) {
		return handle.createQuery("""
				SELECT id, onboarding_id, tenant_id, step, strategy, success, error_code, error_message,
				  details::text AS details, created_at
				FROM integration_log
				WHERE tenant_id = :tenant AND (CAST(:onboardingId AS text) IS NULL OR onboarding_id = :onboardingId)
				  AND id > :afterId
				ORDER BY id LIMIT :limit
				""").bind("tenant", tenantId).bind("onboardingId", onboardingId).bind("afterId", afterId)
				.bind("limit", limit)
				.map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("onboarding_id"), rs.getString("tenant_id"),
						rs.getString("step"), rs.getString("strategy"), rs.getBoolean("success"),
						(Integer) rs.getObject("error_code"), rs.getString("error_message"), rs.getString("details"),
						FlowRepository.instant(rs, "created_at")))
				.list();
	}

	/** What a flow tried, from its log: polls made, creation calls and the strategies they used, in order. */
	public record Tried(int polls, int creationAttempts, List<String> strategies) {
	}

	public Tried tried(Handle handle, String onboardingId) {
		int polls = handle.createQuery("""
				SELECT count(*) FROM integration_log WHERE onboarding_id = :id AND step = 'waba_polling'
				""").bind("id", onboardingId).mapTo(Integer.class).one();
		List<String> strategies = handle.createQuery("""
				SELECT strategy FROM integration_log WHERE onboarding_id = :id AND step = 'waba_creation'
				GROUP BY strategy ORDER BY min(id)
				""").bind("id", onboardingId).mapTo(String.class).list();
		int creations = handle.createQuery("""
				SELECT count(*) FROM integration_log WHERE onboarding_id = :id AND step = 'waba_creation'
				""").bind("id", onboardingId).mapTo(Integer.class).one();
		return new Tried(polls, creations, strategies);
	}

	static String json(Map<String, Object> details) {
		return JSON.writeValueAsString(details == null ? Map.of() : details);
	}
}

package io.wabaflow.onboarding.flow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code onboarding.flows}: one row per onboarding, the only truth about a flow. A step first <em>claims</em> the
 * row's current version (so that a duplicate continuation, or a second worker, does not run the same step at the
 * same time), then replaces the row by compare-and-set on that version. A claim older than the claim timeout
 * belongs to a worker that stopped during the step: it may be taken again.
 */
@Repository
public class FlowRepository {

	private static final String TERMINAL = "('COMPLETED', 'FAILED', 'SUPERSEDED')";

	private final Jdbi jdbi;

	FlowRepository(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	public Jdbi jdbi() {
		return jdbi;
	}

	/**
	 * Claims the step of this version, unless the flow moved on, ended, or another claim is fresh. The answer's
	 * {@link Flow#claims()} says how many claims this version has had: more than one means an earlier run of the
	 * same step was interrupted.
	 */
	public Optional<Flow> claim(String onboardingId, int version, Instant now, Instant expiredBefore) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				UPDATE flows SET claimed_at = :now, claims = claims + 1, updated_at = :now
				WHERE onboarding_id = :id AND version = :version AND state NOT IN %s
				  AND (claimed_at IS NULL OR claimed_at < :expiredBefore)
				RETURNING *
				""".formatted(TERMINAL))
				.bind("id", onboardingId).bind("version", version).bind("now", now).bind("expiredBefore", expiredBefore)
				.map(FlowRepository::map).findOne());
	}

	/** Gives a claim back (the step could not be applied), so a redelivery may run it at once. */
	public void release(String onboardingId, int version) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				UPDATE flows SET claimed_at = NULL WHERE onboarding_id = :id AND version = :version
				""").bind("id", onboardingId).bind("version", version).execute());
	}

	/**
	 * Replaces version {@code current.version()} with {@code next} as version + 1. False when the version moved on
	 * meanwhile (a newer StartOnboarding superseded the flow): then nothing was written.
	 */
	public boolean apply(Handle handle, Flow current, Flow next, Instant now, Instant dueAt) {
		Update update = handle.createUpdate("""
				UPDATE flows SET state = :state, version = version + 1, step_attempt = :stepAttempt,
				  poll_attempts = :pollAttempts, strategy_index = :strategyIndex, creation_rounds = :creationRounds,
				  polling_strategy = :pollingStrategy, strategy_used = :strategyUsed, business_id = :businessId,
				  waba_id = :wabaId, phone_number_id = :phoneNumberId, display_phone_number = :displayPhoneNumber,
				  number_type = :numberType, encrypted_code = :encryptedCode, encrypted_token = :encryptedToken,
				  onboarded_at = :onboardedAt, due_at = :dueAt, claimed_at = NULL, claims = 0,
				  last_successful_step = :lastSuccessfulStep, last_error_code = :lastErrorCode,
				  last_error_message = :lastErrorMessage, last_error_at = :lastErrorAt, failure_reason = :failureReason,
				  awaiting_announced = :awaitingAnnounced, completed_at = :completedAt, updated_at = :now
				WHERE onboarding_id = :id AND version = :version
				""");
		bindContent(update, next);
		return update.bind("id", current.onboardingId())
				.bind("version", current.version()).bind("dueAt", dueAt).bind("now", now).execute() == 1;
	}

	/** A new flow (version 1), unless one exists for the command already. */
	public boolean insert(Handle handle, Flow flow) {
		Update insert = handle.createUpdate("""
				INSERT INTO flows (onboarding_id, command_id, tenant_id, state, version, step_attempt, poll_attempts,
				  strategy_index, creation_rounds, polling_strategy, strategy_used, session_event, hint_waba_id,
				  hint_phone_number_id, hint_business_id, business_id, waba_id, phone_number_id, display_phone_number,
				  number_type, encrypted_code, encrypted_token, code_issued_at, onboarded_at, due_at, claims,
				  last_successful_step, last_error_code, last_error_message, last_error_at, failure_reason,
				  awaiting_announced, created_at, updated_at, completed_at)
				VALUES (:id, :commandId, :tenantId, :state, :version, :stepAttempt, :pollAttempts, :strategyIndex,
				  :creationRounds, :pollingStrategy, :strategyUsed, :sessionEvent, :hintWabaId, :hintPhoneNumberId,
				  :hintBusinessId, :businessId, :wabaId, :phoneNumberId, :displayPhoneNumber, :numberType,
				  :encryptedCode, :encryptedToken, :codeIssuedAt, :onboardedAt, :dueAt, 0, :lastSuccessfulStep,
				  :lastErrorCode, :lastErrorMessage, :lastErrorAt, :failureReason, :awaitingAnnounced, :createdAt,
				  :createdAt, :completedAt)
				ON CONFLICT DO NOTHING
				""");
		bindContent(insert, flow);
		return insert.bind("id", flow.onboardingId())
				.bind("commandId", flow.commandId()).bind("tenantId", flow.tenantId()).bind("version", flow.version())
				.bind("sessionEvent", flow.hints().sessionEvent()).bind("hintWabaId", flow.hints().wabaId())
				.bind("hintPhoneNumberId", flow.hints().phoneNumberId()).bind("hintBusinessId", flow.hints().businessId())
				.bind("codeIssuedAt", flow.codeIssuedAt()).bind("dueAt", flow.dueAt()).bind("createdAt", flow.createdAt())
				.execute() == 1;
	}

	public boolean commandSeen(Handle handle, String commandId) {
		return handle.createQuery("SELECT 1 FROM flows WHERE command_id = :commandId").bind("commandId", commandId)
				.mapTo(Integer.class).findOne().isPresent();
	}

	/** The tenant's flows that have not ended, locked until the transaction ends. */
	public List<Flow> activeOfTenantForUpdate(Handle handle, String tenantId) {
		return handle.createQuery("SELECT * FROM flows WHERE tenant_id = :tenant AND state NOT IN " + TERMINAL
				+ " ORDER BY created_at FOR UPDATE").bind("tenant", tenantId).map(FlowRepository::map).list();
	}

	public Optional<Flow> find(String onboardingId) {
		return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM flows WHERE onboarding_id = :id")
				.bind("id", onboardingId).map(FlowRepository::map).findOne());
	}

	/** The tenant's flows, newest first (in the status API's transaction, see TenantReads). */
	public List<Flow> ofTenant(Handle handle, String tenantId, int limit) {
		return handle.createQuery("""
				SELECT * FROM flows WHERE tenant_id = :tenant ORDER BY created_at DESC, onboarding_id LIMIT :limit
				""").bind("tenant", tenantId).bind("limit", limit).map(FlowRepository::map).list();
	}

	/** Flows whose step was claimed before {@code expiredBefore} and never applied: their worker stopped. */
	public List<Flow> lostClaims(Instant expiredBefore, int limit) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT * FROM flows WHERE claimed_at < :expiredBefore AND state NOT IN %s
				ORDER BY claimed_at LIMIT :limit
				""".formatted(TERMINAL)).bind("expiredBefore", expiredBefore).bind("limit", limit)
				.map(FlowRepository::map).list());
	}

	/**
	 * Flows whose step was due long ago, unclaimed and unchanged since: their continuation was lost (dead-lettered
	 * after the database was down longer than the consumer's retries). Their due time moves to {@code now}, so a
	 * flow is picked once per stall timeout.
	 */
	public List<Flow> stalled(Instant stalledBefore, Instant now, int limit) {
		return jdbi.inTransaction(handle -> handle.createQuery("""
				UPDATE flows SET due_at = :now
				WHERE onboarding_id IN (
				  SELECT onboarding_id FROM flows
				  WHERE state NOT IN %s AND claimed_at IS NULL AND due_at < :stalledBefore AND updated_at < :stalledBefore
				  ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
				RETURNING *
				""".formatted(TERMINAL)).bind("stalledBefore", stalledBefore).bind("now", now).bind("limit", limit)
				.map(FlowRepository::map).list());
	}

	private static void bindContent(SqlStatement<?> statement, Flow flow) {
		statement.bind("state", flow.state().name()).bind("stepAttempt", flow.stepAttempt())
				.bind("pollAttempts", flow.pollAttempts()).bind("strategyIndex", flow.strategyIndex())
				.bind("creationRounds", flow.creationRounds()).bind("pollingStrategy", flow.pollingStrategy())
				.bind("strategyUsed", flow.strategyUsed()).bind("businessId", flow.businessId())
				.bind("wabaId", flow.wabaId()).bind("phoneNumberId", flow.phoneNumberId())
				.bind("displayPhoneNumber", flow.displayPhoneNumber()).bind("numberType", flow.numberType())
				.bind("encryptedCode", flow.encryptedCode()).bind("encryptedToken", flow.encryptedToken())
				.bind("onboardedAt", flow.onboardedAt()).bind("lastSuccessfulStep", flow.lastSuccessfulStep())
				.bind("lastErrorCode", flow.lastErrorCode()).bind("lastErrorMessage", flow.lastErrorMessage())
				.bind("lastErrorAt", flow.lastErrorAt()).bind("failureReason", flow.failureReason())
				.bind("awaitingAnnounced", flow.awaitingAnnounced()).bind("completedAt", flow.completedAt());
	}

	static Flow map(ResultSet rs, StatementContext context) throws SQLException {
		return new Flow(rs.getString("onboarding_id"), rs.getString("command_id"), rs.getString("tenant_id"),
				FlowState.valueOf(rs.getString("state")), rs.getInt("version"), rs.getInt("step_attempt"),
				rs.getInt("poll_attempts"), rs.getInt("strategy_index"), rs.getInt("creation_rounds"),
				rs.getString("polling_strategy"), rs.getString("strategy_used"),
				new Hints(rs.getString("session_event"), rs.getString("hint_waba_id"),
						rs.getString("hint_phone_number_id"), rs.getString("hint_business_id")),
				rs.getString("business_id"), rs.getString("waba_id"), rs.getString("phone_number_id"),
				rs.getString("display_phone_number"), rs.getString("number_type"), rs.getBytes("encrypted_code"),
				rs.getBytes("encrypted_token"), instant(rs, "code_issued_at"), instant(rs, "onboarded_at"),
				instant(rs, "due_at"), rs.getInt("claims"), rs.getString("last_successful_step"),
				(Integer) rs.getObject("last_error_code"), rs.getString("last_error_message"),
				instant(rs, "last_error_at"), rs.getString("failure_reason"), rs.getBoolean("awaiting_announced"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "completed_at"));
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}

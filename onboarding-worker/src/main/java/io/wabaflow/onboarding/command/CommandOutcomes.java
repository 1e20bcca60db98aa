package io.wabaflow.onboarding.command;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Repository;

import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;

/**
 * {@code onboarding.command_outcomes}: the latest outcome of each command, kept so that a redelivered command is
 * answered with the outcome it already had (and its work is not done twice), and published on
 * {@code wabaflow.command-results.v1} (key command_id) through the outbox. Every result carries the tenant the
 * command acted for ({@code CommandResult.tenant_id}), which callers such as the ingress check before showing it.
 */
@Repository
public class CommandOutcomes {

	private final Outbox outbox;

	CommandOutcomes(Outbox outbox) {
		this.outbox = outbox;
	}

	/** An outcome as stored, with the tenant of the command it answered ({@code null}: none, or stored before). */
	public record Stored(String tenantId, Outcome outcome) {
	}

	/**
	 * Stores and publishes an outcome, in the caller's transaction.
	 *
	 * @param tenantId the tenant the command acted for; null only for a command that named none
	 */
	public void record(Handle handle, String commandId, String commandType, String tenantId, Outcome outcome,
			Instant now) {
		handle.createUpdate("""
				INSERT INTO command_outcomes (command_id, command_type, tenant_id, outcome, http_status, error_code,
				  message, data_json, occurred_at)
				VALUES (:commandId, :commandType, :tenantId, :outcome, :httpStatus, :errorCode, :message, :dataJson, :now)
				ON CONFLICT (command_id) DO UPDATE SET outcome = EXCLUDED.outcome, http_status = EXCLUDED.http_status,
				  error_code = EXCLUDED.error_code, message = EXCLUDED.message, data_json = EXCLUDED.data_json,
				  occurred_at = EXCLUDED.occurred_at
				""").bind("commandId", commandId).bind("commandType", commandType).bind("tenantId", tenantId)
				.bind("outcome", outcome.outcome().name()).bind("httpStatus", outcome.httpStatus())
				.bind("errorCode", outcome.errorCode()).bind("message", outcome.message())
				.bind("dataJson", outcome.dataJson()).bind("now", now).execute();
		publish(handle, commandId, commandType, tenantId, outcome, now);
	}

	/**
	 * Publishes a stored outcome again (a redelivered command), without changing what is stored. It goes out with
	 * the tenant it was stored for, not the tenant of the redelivery: a command id sent again by another tenant
	 * must not make the first tenant's outcome look like its own.
	 */
	public void republish(Handle handle, String commandId, String commandType, Stored stored, Instant now) {
		publish(handle, commandId, commandType, stored.tenantId(), stored.outcome(), now);
	}

	private void publish(Handle handle, String commandId, String commandType, String tenantId, Outcome outcome,
			Instant now) {
		outbox.add(handle, Topics.COMMAND_RESULTS.name(), commandId, CommandResult.newBuilder().setCommandId(commandId)
				.setCommandType(commandType).setTenantId(tenantId).setOutcome(outcome.outcome())
				.setHttpStatus(outcome.httpStatus()).setErrorCode(outcome.errorCode()).setMessage(outcome.message())
				.setDataJson(outcome.dataJson()).setOccurredAt(now).build(), now);
	}

	public Optional<Stored> find(Handle handle, String commandId) {
		return handle.createQuery("""
				SELECT tenant_id, outcome, http_status, error_code, message, data_json FROM command_outcomes
				WHERE command_id = :id
				""").bind("id", commandId)
				.map((rs, ctx) -> new Stored(rs.getString("tenant_id"), new Outcome(
						CommandOutcome.valueOf(rs.getString("outcome")), rs.getInt("http_status"),
						rs.getString("error_code"), rs.getString("message"), rs.getString("data_json"))))
				.findOne();
	}
}

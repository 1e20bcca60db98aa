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
 * {@code wabaflow.command-results.v1} (key command_id) through the outbox.
 */
@Repository
public class CommandOutcomes {

	private final Outbox outbox;

	CommandOutcomes(Outbox outbox) {
		this.outbox = outbox;
	}

	/** Stores and publishes an outcome, in the caller's transaction. */
	public void record(Handle handle, String commandId, String commandType, Outcome outcome, Instant now) {
		handle.createUpdate("""
				INSERT INTO command_outcomes (command_id, command_type, outcome, http_status, error_code, message,
				  data_json, occurred_at)
				VALUES (:commandId, :commandType, :outcome, :httpStatus, :errorCode, :message, :dataJson, :now)
				ON CONFLICT (command_id) DO UPDATE SET outcome = EXCLUDED.outcome, http_status = EXCLUDED.http_status,
				  error_code = EXCLUDED.error_code, message = EXCLUDED.message, data_json = EXCLUDED.data_json,
				  occurred_at = EXCLUDED.occurred_at
				""").bind("commandId", commandId).bind("commandType", commandType)
				.bind("outcome", outcome.outcome().name()).bind("httpStatus", outcome.httpStatus())
				.bind("errorCode", outcome.errorCode()).bind("message", outcome.message())
				.bind("dataJson", outcome.dataJson()).bind("now", now).execute();
		publish(handle, commandId, commandType, outcome, now);
	}

	/** Publishes an outcome again (a redelivered command), without changing what is stored. */
	public void publish(Handle handle, String commandId, String commandType, Outcome outcome, Instant now) {
		outbox.add(handle, Topics.COMMAND_RESULTS.name(), commandId, CommandResult.newBuilder().setCommandId(commandId)
				.setCommandType(commandType).setOutcome(outcome.outcome()).setHttpStatus(outcome.httpStatus())
				.setErrorCode(outcome.errorCode()).setMessage(outcome.message()).setDataJson(outcome.dataJson())
				.setOccurredAt(now).build(), now);
	}

	public Optional<Outcome> find(Handle handle, String commandId) {
		return handle.createQuery("""
				SELECT outcome, http_status, error_code, message, data_json FROM command_outcomes WHERE command_id = :id
				""").bind("id", commandId)
				.map((rs, ctx) -> new Outcome(CommandOutcome.valueOf(rs.getString("outcome")), rs.getInt("http_status"),
						rs.getString("error_code"), rs.getString("message"), rs.getString("data_json")))
				.findOne();
	}
}

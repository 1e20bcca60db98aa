package io.wabaflow.ingress.command;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.micrometer.core.instrument.MeterRegistry;
import io.wabaflow.ingress.publish.DurablePublisher;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validated command onto its topic, then the answer: 202 with the command id once the record is
 * durable, or, with {@code Prefer: wait=N}, the worker's outcome if it arrives within N seconds. The same
 * {@code Idempotency-Key} twice publishes once. Never holds a request thread while it waits.
 */
final class CommandSubmission {

	static final String STATUS_PATH = "/api/v1/commands/";

	private static final Logger log = LoggerFactory.getLogger(CommandSubmission.class);

	private final DurablePublisher publisher;

	private final RecentCommands recentCommands;

	private final CommandOutcomes outcomes;

	private final JsonMapper json;

	private final MeterRegistry meters;

	CommandSubmission(DurablePublisher publisher, RecentCommands recentCommands, CommandOutcomes outcomes,
			JsonMapper json, MeterRegistry meters) {
		this.publisher = publisher;
		this.recentCommands = recentCommands;
		this.outcomes = outcomes;
		this.json = json;
		this.meters = meters;
	}

	/**
	 * One command request.
	 *
	 * @param commandType    e.g. {@code SendMessage}, for metrics and logs
	 * @param caller         who asked
	 * @param tenantId       the tenant the command acts for (idempotency keys are scoped by it)
	 * @param request        what was asked (route and body): the same key with another request is a conflict
	 * @param idempotencyKey the {@code Idempotency-Key} header, or null
	 * @param preferWait     how long to wait for the outcome ({@code Prefer: wait}), zero for not at all
	 * @param record         the record to publish for a command id
	 */
	record Request(String commandType, Principal caller, String tenantId, String request, String idempotencyKey,
			Duration preferWait, Function<String, ProducerRecord<String, SpecificRecord>> record) {
	}

	CompletableFuture<ResponseEntity<?>> submit(Request request) {
		String commandId = commandId(request);
		RecentCommands.Claim claim = null;
		if (request.idempotencyKey() != null) {
			String fingerprint = fingerprint(request.request());
			claim = recentCommands.claim(commandId, fingerprint);
			if (!claim.fresh() && !claim.sameRequest(fingerprint)) {
				count(request, "conflict");
				return CompletableFuture.completedFuture(problem(HttpStatus.UNPROCESSABLE_CONTENT,
						"Idempotency-Key reused", "This Idempotency-Key was already used for a different request."));
			}
		}
		// registered before the publish, so that no outcome can slip between the two
		CompletableFuture<CommandResult> outcome = request.preferWait().isZero() ? null
				: outcomes.await(commandId, request.preferWait());
		CompletableFuture<Void> accepted;
		if (claim == null) {
			accepted = publish(request, commandId);
		}
		else if (claim.fresh()) {
			RecentCommands.Claim fresh = claim;
			accepted = publish(request, commandId).whenComplete((ok, failure) -> {
				if (failure == null) {
					recentCommands.published(fresh);
				}
				else {
					recentCommands.failed(fresh, failure);
				}
			});
		}
		else {
			count(request, "duplicate"); // published by an earlier request: answer as it was answered
			accepted = claim.accepted();
		}
		return accepted.handle((ok, failure) -> failure).thenCompose(failure -> {
			if (failure != null) {
				log.warn("{} {} not acknowledged by the broker: {}", request.commandType(), commandId,
						failure.getMessage());
				count(request, "unavailable");
				if (outcome != null) {
					outcome.complete(null);
				}
				return CompletableFuture.completedFuture(problem(HttpStatus.SERVICE_UNAVAILABLE,
						"Command not accepted", "The command could not be stored; retry with the same Idempotency-Key."));
			}
			if (outcome == null) {
				return CompletableFuture.completedFuture(accepted(commandId));
			}
			return outcome.thenApply(result -> result == null ? accepted(commandId) : answer(request, result));
		});
	}

	private CompletableFuture<Void> publish(Request request, String commandId) {
		count(request, "published");
		log.info("{} {} published for tenant {} by key {}", request.commandType(), commandId, request.tenantId(),
				request.caller().keyId());
		return publisher.publishAll("command", List.of(request.record().apply(commandId)));
	}

	private static String commandId(Request request) {
		return request.idempotencyKey() == null ? CommandIds.random()
				: CommandIds.fromIdempotencyKey("tenant:" + request.tenantId(), request.idempotencyKey());
	}

	private ResponseEntity<?> accepted(String commandId) {
		String statusUrl = STATUS_PATH + commandId;
		return ResponseEntity.accepted().location(URI.create(statusUrl)).contentType(MediaType.APPLICATION_JSON)
				.body(new CommandAccepted(commandId, statusUrl));
	}

	/** The worker's outcome as the answer: its data on success, a problem with its error code otherwise. */
	private ResponseEntity<?> answer(Request request, CommandResult result) {
		count(request, "answered");
		CommandOutcomeView view = view(result, json);
		int status = result.getHttpStatus();
		boolean ok = result.getOutcome() == CommandOutcome.OK;
		if (status < 200 || status > 599) {
			status = ok ? 200 : 500; // a worker bug must not become an invalid HTTP status
		}
		if (ok && status < 400) {
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(view);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
				result.getMessage() == null ? "The command was " + result.getOutcome().name().toLowerCase(Locale.ROOT) : result.getMessage());
		problem.setTitle(result.getErrorCode() == null ? "Command " + result.getOutcome() : result.getErrorCode());
		problem.setProperty("command_id", result.getCommandId());
		problem.setProperty("outcome", result.getOutcome().name());
		if (result.getErrorCode() != null) {
			problem.setProperty("error_code", result.getErrorCode());
		}
		if (view.data() != null) {
			problem.setProperty("data", view.data());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static CommandOutcomeView view(CommandResult result, JsonMapper json) {
		JsonNode data = null;
		if (result.getDataJson() != null) {
			try {
				data = json.readTree(result.getDataJson());
			}
			catch (JacksonException e) {
				data = json.getNodeFactory().stringNode(result.getDataJson());
			}
		}
		return new CommandOutcomeView(result.getCommandId(), result.getCommandType(), result.getOutcome().name(),
				result.getHttpStatus(), result.getErrorCode(), result.getMessage(), data);
	}

	private static ResponseEntity<?> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String fingerprint(String request) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(request.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
	}

	private void count(Request request, String outcome) {
		meters.counter("wabaflow.ingress.commands", "type", request.commandType(), "outcome", outcome).increment();
	}
}

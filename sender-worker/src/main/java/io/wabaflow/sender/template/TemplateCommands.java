package io.wabaflow.sender.template;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphErrorClass;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.template.TemplateAction;
import io.wabaflow.schemas.template.TemplateCommand;
import io.wabaflow.sender.web.ApiProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A template command from Kafka, carried out once: its outcome (what Meta answered, or why it was refused) is kept
 * in {@code template_commands} and published on {@code wabaflow.command-results.v1}; a redelivered command gets that
 * outcome again without a second call to Meta. Meta being away is not an outcome: the command fails here and its
 * record is retried.
 */
@Component
class TemplateCommands {

	static final String COMMAND_TYPE = "TemplateCommand";

	/** A command claimed this long ago and still without an outcome: its worker stopped. */
	static final Duration IN_DOUBT = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(TemplateCommands.class);

	private final TemplateManagement management;

	private final Jdbi jdbi;

	private final KafkaTemplate<String, Object> kafka;

	private final Executor database;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	TemplateCommands(TemplateManagement management, Jdbi jdbi, @Qualifier("kafkaTemplate") KafkaTemplate<String, Object> kafka,
			@Qualifier("senderDatabaseExecutor") Executor database, Clock clock) {
		this.management = management;
		this.jdbi = jdbi;
		this.kafka = kafka;
		this.database = database;
		this.clock = clock;
	}

	CompletableFuture<Void> handle(TemplateCommand command) {
		return CompletableFuture.supplyAsync(() -> claim(command), database).thenCompose(claimed -> {
			if (claimed) {
				return carryOut(command).thenApplyAsync(result -> keep(command, result), database)
						.thenCompose(this::publish);
			}
			Optional<CommandResult> known = known(command.getCommandId());
			if (known.isPresent()) {
				log.info("Template command {} again: its outcome is published again", command.getCommandId());
				return publish(known.get());
			}
			// another delivery is carrying it out right now: that one publishes the outcome
			return CompletableFuture.completedFuture(null);
		});
	}

	/**
	 * Whether this delivery carries the command out: the first one does (its row says PROCESSING meanwhile), and so
	 * does a later one when the row has said PROCESSING for longer than {@link #IN_DOUBT} (the worker that claimed it
	 * stopped; Meta may have acted, and then refuses the second create, which becomes the outcome).
	 */
	private boolean claim(TemplateCommand command) {
		Instant now = clock.instant();
		return jdbi.withHandle(handle -> handle.createUpdate("""
				INSERT INTO template_commands (command_id, tenant_id, waba_id, action, name, outcome, http_status,
				    processed_at)
				VALUES (:id, :tenant, :waba, :action, :name, 'PROCESSING', 0, :now)
				ON CONFLICT (command_id) DO UPDATE SET processed_at = excluded.processed_at
				WHERE template_commands.outcome = 'PROCESSING' AND template_commands.processed_at < :inDoubt
				""").bind("id", command.getCommandId()).bind("tenant", command.getTenantId())
				.bind("waba", command.getWabaId()).bind("action", command.getAction().name())
				.bind("name", command.getName()).bind("now", now).bind("inDoubt", now.minus(IN_DOUBT)).execute()) == 1;
	}

	private CompletableFuture<CommandResult> carryOut(TemplateCommand command) {
		if (command.getTenantId() == null || command.getTenantId().isBlank()) {
			return done(rejected(command, 400, "TENANT_REQUIRED",
					"A template command names the tenant whose WABA it is (tenant_id)"));
		}
		try {
			if (command.getAction() == TemplateAction.DELETE) {
				return management.delete(command.getTenantId(), command.getWabaId(), command.getName())
						.thenApply(deleted -> ok(command, null)).exceptionally(failure -> refusal(command, failure));
			}
			JsonNode template = command.getTemplateJson() == null ? null : json.readTree(command.getTemplateJson());
			if (template == null || !template.isObject()) {
				return done(rejected(command, 400, "INVALID_TEMPLATE",
						"template_json must be Meta's creation body: {name, language, category, components}"));
			}
			if (!command.getName().equals(template.path("name").asString(null))) {
				return done(rejected(command, 400, "INVALID_TEMPLATE",
						"template_json's name must be the command's name (" + command.getName() + ")"));
			}
			return management.create(command.getTenantId(), command.getWabaId(), template).thenApply(created -> {
				ObjectNode data = json.createObjectNode();
				data.put("waba_id", command.getWabaId()).put("name", created.name()).put("language", created.language())
						.put("status", created.status()).put("category", created.category())
						.put("template_id", created.templateId());
				return ok(command, data.toString());
			}).exceptionally(failure -> refusal(command, failure));
		}
		catch (JacksonException e) {
			return done(rejected(command, 400, "INVALID_TEMPLATE", "template_json is not JSON: " + e.getOriginalMessage()));
		}
		catch (RuntimeException e) {
			return done(refusal(command, e));
		}
	}

	/** What a refusal says; Meta away (or anything unexpected) is thrown, so that the command is retried. */
	private CommandResult refusal(TemplateCommand command, Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
		if (cause instanceof NotOwnedException notOwned) {
			return rejected(command, 404, "NOT_FOUND", notOwned.getMessage());
		}
		if (cause instanceof ApiProblem problem) {
			return rejected(command, problem.status().value(), "INVALID_TEMPLATE", problem.getMessage());
		}
		GraphApiException graph = GraphClient.unwrap(cause);
		if (graph != null && (graph.classification() == GraphErrorClass.PERMANENT
				|| graph.classification() == GraphErrorClass.AUTH)) {
			return rejected(command, 422, "META_REFUSED", "Meta answered " + (graph.error().code() == null ? ""
					: "(#" + graph.error().code() + ") ") + graph.error().message());
		}
		throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
	}

	private CommandResult ok(TemplateCommand command, String dataJson) {
		return base(command).setOutcome(CommandOutcome.OK).setHttpStatus(command.getAction() == TemplateAction.CREATE
				? 201 : 200).setDataJson(dataJson).build();
	}

	private CommandResult rejected(TemplateCommand command, int status, String code, String message) {
		return base(command).setOutcome(CommandOutcome.REJECTED).setHttpStatus(status).setErrorCode(code)
				.setMessage(message).build();
	}

	private CommandResult.Builder base(TemplateCommand command) {
		return CommandResult.newBuilder().setCommandId(command.getCommandId()).setCommandType(COMMAND_TYPE)
				.setTenantId(command.getTenantId()).setOccurredAt(clock.instant());
	}

	private Optional<CommandResult> known(String commandId) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT command_id, tenant_id, outcome, http_status, error_code, message, data_json, processed_at
				FROM template_commands WHERE command_id = :id AND outcome <> 'PROCESSING'
				""").bind("id", commandId).map((rs, ctx) -> CommandResult.newBuilder()
				.setCommandId(rs.getString("command_id")).setCommandType(COMMAND_TYPE)
				.setTenantId(rs.getString("tenant_id")).setOutcome(CommandOutcome.valueOf(rs.getString("outcome")))
				.setHttpStatus(rs.getInt("http_status")).setErrorCode(rs.getString("error_code"))
				.setMessage(rs.getString("message")).setDataJson(rs.getString("data_json"))
				.setOccurredAt(rs.getTimestamp("processed_at").toInstant()).build()).findOne());
	}

	/** The outcome kept; if another delivery kept one first, that one stands. */
	private CommandResult keep(TemplateCommand command, CommandResult result) {
		int updated = jdbi.withHandle(handle -> handle.createUpdate("""
				UPDATE template_commands SET outcome = :outcome, http_status = :status, error_code = :code,
				    message = :message, data_json = :data, processed_at = :at
				WHERE command_id = :id AND outcome = 'PROCESSING'
				""").bind("id", command.getCommandId()).bind("outcome", result.getOutcome().name())
				.bind("status", result.getHttpStatus()).bind("code", result.getErrorCode())
				.bind("message", result.getMessage()).bind("data", result.getDataJson())
				.bind("at", result.getOccurredAt()).execute());
		return updated == 1 ? result : known(command.getCommandId()).orElse(result);
	}

	private CompletableFuture<Void> publish(CommandResult result) {
		return kafka.send(Topics.COMMAND_RESULTS.name(), result.getCommandId(), result).thenApply(sent -> null);
	}

	private static CompletableFuture<CommandResult> done(CommandResult result) {
		return CompletableFuture.completedFuture(result);
	}
}

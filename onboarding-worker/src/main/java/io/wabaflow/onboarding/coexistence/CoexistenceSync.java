package io.wabaflow.onboarding.coexistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphModel.SmbSyncType;
import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.command.CommandOutcomes;
import io.wabaflow.onboarding.flow.Failures;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry.PhoneNumber;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;

/**
 * RequestCoexistenceSync (seed 000, facts 3.6): asks Meta once to share a coexistence number's Business app
 * contacts or chat history, within 24 h of onboarding, and keeps Meta's {@code request_id}. Every answer is an
 * outcome on {@code wabaflow.command-results.v1}:
 *
 * <table>
 * <tr><td>200</td><td>requested; data {@code {"request_id": ...}}</td></tr>
 * <tr><td>404 UNKNOWN_NUMBER</td><td>not a number this worker onboarded for the command's tenant (unknown, or
 * another tenant's: the same answer)</td></tr>
 * <tr><td>400 NOT_COEXISTENCE</td><td>a cloud number: there is no Business app to sync from</td></tr>
 * <tr><td>409 NUMBER_NOT_ACTIVE</td><td>the number was disconnected or offboarded</td></tr>
 * <tr><td>409 ALREADY_REQUESTED</td><td>this sync type was requested before for this onboarding (or Meta says
 * 2593107)</td></tr>
 * <tr><td>410 SYNC_WINDOW_EXPIRED</td><td>more than 24 h after onboarding (or Meta says 2593108)</td></tr>
 * <tr><td>504 SYNC_OUTCOME_UNKNOWN</td><td>no answer from Meta: it may have accepted</td></tr>
 * <tr><td>502/503</td><td>Meta refused or is unavailable: the command may be sent again</td></tr>
 * </table>
 * A redelivered command is answered with its stored outcome and Meta is not called again.
 */
@Component
public class CoexistenceSync {

	static final String STEP = "coexistence_sync";

	static final String COMMAND_TYPE = "RequestCoexistenceSync";

	/** Facts 3.6: each sync type once per onboarding. */
	static final int ALREADY_SYNCED = 2593107;

	/** Facts 3.6: only within 24 h of onboarding. */
	static final int TOO_LATE = 2593108;

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final SyncRequests requests;

	private final CommandOutcomes outcomes;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final GraphCalls graph;

	private final Executor executor;

	private final Duration window;

	private final Duration claimTimeout;

	private final Clock clock;

	CoexistenceSync(Jdbi jdbi, PhoneNumberRegistry registry, SyncRequests requests, CommandOutcomes outcomes,
			TransitionWriter writer, Outbox outbox, GraphCalls graph, @Qualifier("onboardingExecutor") Executor executor,
			OnboardingProperties properties, Clock clock) {
		this.jdbi = jdbi;
		this.registry = registry;
		this.requests = requests;
		this.outcomes = outcomes;
		this.writer = writer;
		this.outbox = outbox;
		this.graph = graph;
		this.executor = executor;
		this.window = properties.syncWindow();
		this.claimTimeout = properties.claimTimeout();
		this.clock = clock;
	}

	/** The call to make, when the request passed every check. */
	private record Call(PhoneNumber number, String syncType, String commandId, String token) {
	}

	public CompletableFuture<Void> request(OnboardingCommand command) {
		return CompletableFuture.supplyAsync(() -> decide(command), executor).thenCompose(call -> {
			if (call.isEmpty()) {
				return CompletableFuture.<Void>completedFuture(null);
			}
			Call request = call.get();
			SmbSyncType type = request.syncType().equals(CoexistenceSyncType.CONTACTS.name()) ? SmbSyncType.CONTACTS
					: SmbSyncType.HISTORY;
			return graph.call(client -> client.requestSmbAppData(request.number().phoneNumberId(), type, request.token()))
					.handleAsync((requestId, failure) -> {
						finish(request, requestId, failure);
						return null;
					}, executor);
		});
	}

	private Optional<Call> decide(OnboardingCommand command) {
		RequestCoexistenceSync sync = (RequestCoexistenceSync) command.getPayload();
		String commandId = command.getCommandId();
		String phone = sync.getPhoneNumberId();
		String type = sync.getSyncType().name();
		Instant now = clock.instant();
		Optional<Call> call = jdbi.inTransaction(handle -> {
			Optional<CommandOutcomes.Stored> known = outcomes.find(handle, commandId);
			if (known.isPresent()) {
				outcomes.republish(handle, commandId, COMMAND_TYPE, known.get(), now); // a redelivery: same answer
				return Optional.empty();
			}
			// another tenant's number is answered exactly like one never onboarded, and Meta is not called
			Optional<PhoneNumber> found = registry.findOfTenant(handle, phone, command.getTenantId());
			if (found.isEmpty()) {
				outcomes.record(handle, commandId, COMMAND_TYPE, command.getTenantId(),
						PhoneNumberRegistry.unknownNumber(phone), now);
				return Optional.empty();
			}
			PhoneNumber number = found.get();
			if (number.numberType() != NumberType.COEXISTENCE) {
				return reject(handle, number, type, commandId, now, Outcome.rejected(400, "NOT_COEXISTENCE",
						"Phone number " + phone + " is a Cloud API number, not a coexistence (WhatsApp Business app) number"));
			}
			if (number.status() != NumberStatus.ACTIVE) {
				return reject(handle, number, type, commandId, now, Outcome.rejected(409, "NUMBER_NOT_ACTIVE",
						"Phone number " + phone + " is " + number.status().name().toLowerCase(Locale.ROOT)
								+ ": onboard it again first"));
			}
			Optional<SyncRequests.Request> existing = requests.findForUpdate(handle, phone, type, number.onboardingId());
			if (existing.isPresent() && blocks(existing.get(), commandId, now)) {
				SyncRequests.Request previous = existing.get();
				String message = previous.state() == SyncRequests.State.PENDING
						? "The " + label(type) + " sync of " + phone + " is being requested (command " + previous.commandId() + ")"
						: "The " + label(type) + " sync of " + phone + " was already requested for this onboarding"
								+ (previous.requestId() == null ? "" : " (request_id " + previous.requestId() + ")")
								+ "; Meta allows it once: offboard and onboard again to repeat it";
				return reject(handle, number, type, commandId, now, Outcome.rejected(409, "ALREADY_REQUESTED", message));
			}
			if (now.isAfter(number.onboardedAt().plus(window))) {
				return reject(handle, number, type, commandId, now, Outcome.rejected(410, "SYNC_WINDOW_EXPIRED",
						"Phone number " + phone + " was onboarded at " + number.onboardedAt() + ": contacts and history "
								+ "can only be requested within " + window.toHours() + " h of onboarding"));
			}
			requests.pending(handle, phone, type, number.onboardingId(), commandId, now);
			return Optional.of(new Call(number, type, commandId, registry.token(number)));
		});
		outbox.committed();
		return call;
	}

	/** An earlier request that stands: accepted or refused for good, or under way by another, live command. */
	private boolean blocks(SyncRequests.Request previous, String commandId, Instant now) {
		return switch (previous.state()) {
			case REQUESTED, REFUSED -> true;
			case PENDING -> !previous.commandId().equals(commandId) && previous.updatedAt().isAfter(now.minus(claimTimeout));
			case FAILED, UNKNOWN -> false;
		};
	}

	private void finish(Call call, String requestId, Throwable failure) {
		Instant now = clock.instant();
		PhoneNumber number = call.number();
		String type = call.syncType();
		SyncRequests.State state;
		Outcome outcome;
		Integer code = failure == null ? null : Failures.code(failure);
		String message = failure == null ? null : Failures.describe(failure);
		if (failure == null) {
			state = SyncRequests.State.REQUESTED;
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("request_id", requestId);
			data.put("phone_number_id", number.phoneNumberId());
			data.put("sync_type", label(type));
			outcome = Outcome.ok(200, json(data));
		}
		else if (Integer.valueOf(ALREADY_SYNCED).equals(code)) {
			state = SyncRequests.State.REFUSED;
			outcome = Outcome.rejected(409, "ALREADY_REQUESTED", "Meta says the " + label(type) + " sync of "
					+ number.phoneNumberId() + " was already requested (2593107): offboard and onboard again to repeat it");
		}
		else if (Integer.valueOf(TOO_LATE).equals(code)) {
			state = SyncRequests.State.REFUSED;
			outcome = Outcome.rejected(410, "SYNC_WINDOW_EXPIRED", "Meta says the 24 h after onboarding are over "
					+ "(2593108): offboard and onboard again to sync");
		}
		else {
			Failures.Kind kind = Failures.kind(failure);
			state = kind == Failures.Kind.NO_ANSWER ? SyncRequests.State.UNKNOWN : SyncRequests.State.FAILED;
			outcome = switch (kind) {
				case NO_ANSWER -> Outcome.failed(504, "SYNC_OUTCOME_UNKNOWN", "No answer from Meta: the sync may have "
						+ "been accepted; requesting it again tells (409 if it was). " + message);
				case TRANSIENT, THROTTLED -> Outcome.failed(503, "GRAPH_UNAVAILABLE", message);
				case TOKEN -> Outcome.failed(502, "TOKEN_INVALID", message);
				default -> Outcome.failed(502, "GRAPH_ERROR", message);
			};
		}
		SyncRequests.State finalState = state;
		Outcome finalOutcome = outcome;
		jdbi.useTransaction(handle -> {
			requests.finish(handle, number.phoneNumberId(), type, number.onboardingId(), call.commandId(), finalState,
					requestId, code, message, now);
			outcomes.record(handle, call.commandId(), COMMAND_TYPE, number.tenantId(), finalOutcome, now);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("command_id", call.commandId());
			details.put("http_status", finalOutcome.httpStatus());
			details.put("request_id", requestId);
			LogEntry entry = failure == null
					? LogEntry.ok(STEP, label(type), details).as(OnboardingEventType.COEXISTENCE_SYNC_REQUESTED)
					: LogEntry.failed(STEP, label(type), code, finalOutcome.errorCode() + ": " + message, details);
			writer.record(handle, number.onboardingId(), number.tenantId(), number.wabaId(), number.phoneNumberId(),
					"sync:" + call.commandId(), List.of(entry), now);
		});
		outbox.committed();
	}

	private Optional<Call> reject(Handle handle, PhoneNumber number, String type, String commandId, Instant now,
			Outcome outcome) {
		outcomes.record(handle, commandId, COMMAND_TYPE, number.tenantId(), outcome, now);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("command_id", commandId);
		details.put("http_status", outcome.httpStatus());
		writer.record(handle, number.onboardingId(), number.tenantId(), number.wabaId(), number.phoneNumberId(),
				"sync:" + commandId, List.of(LogEntry.failed(STEP, label(type), null,
						outcome.errorCode() + ": " + outcome.message(), details)),
				now);
		return Optional.empty();
	}

	private static String label(String syncType) {
		return syncType.toLowerCase(Locale.ROOT);
	}

	private static String json(Map<String, Object> data) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(data);
	}
}

package io.wabaflow.onboarding.flow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.command.CommandOutcomes;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.onboarding.polling.Continuations;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.onboarding.StartOnboarding;

/**
 * StartOnboarding: a new flow (its id derived from the command id), its code sealed, its first continuation due
 * at once, in one transaction. A redelivered command finds its flow and does nothing. The tenant's flows that have
 * not ended (awaiting WABA creation, or still running) are superseded: the customer signed up again, the newest
 * signup is the one that counts, and its flow runs discovery and the strategies at once.
 */
@Component
public class FlowStarter {

	static final String INVALID_COMMAND = "INVALID_COMMAND";

	static final String SUPERSEDED = "SUPERSEDED";

	private static final Logger log = LoggerFactory.getLogger(FlowStarter.class);

	private final FlowRepository flows;

	private final TransitionWriter writer;

	private final Continuations continuations;

	private final CommandOutcomes outcomes;

	private final Outbox outbox;

	private final Tokens tokens;

	private final Executor executor;

	private final Clock clock;

	FlowStarter(FlowRepository flows, TransitionWriter writer, Continuations continuations, CommandOutcomes outcomes,
			Outbox outbox, Tokens tokens, @Qualifier("onboardingExecutor") Executor executor, Clock clock) {
		this.flows = flows;
		this.writer = writer;
		this.continuations = continuations;
		this.outcomes = outcomes;
		this.outbox = outbox;
		this.tokens = tokens;
		this.executor = executor;
		this.clock = clock;
	}

	/** The onboarding id of a command: the same command always makes the same flow. */
	public static String onboardingId(String commandId) {
		return UUID.nameUUIDFromBytes(("onboarding:" + commandId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	public CompletableFuture<Void> start(OnboardingCommand command) {
		return CompletableFuture.runAsync(() -> startNow(command), executor);
	}

	private void startNow(OnboardingCommand command) {
		StartOnboarding start = (StartOnboarding) command.getPayload();
		String commandId = command.getCommandId();
		String tenant = command.getTenantId();
		Instant now = clock.instant();
		// the listener rejected a command without a tenant already (TENANT_REQUIRED)
		if (start.getCode() == null || start.getCode().isBlank()) {
			flows.jdbi().useTransaction(handle -> {
				if (outcomes.find(handle, commandId).isEmpty()) {
					outcomes.record(handle, commandId, "StartOnboarding", tenant, Outcome.rejected(400, INVALID_COMMAND,
							"StartOnboarding needs a code"), now);
				}
			});
			outbox.committed();
			return;
		}
		String id = onboardingId(commandId);
		Hints hints = new Hints(start.getSessionEvent(), blankToNull(start.getWabaId()),
				blankToNull(start.getPhoneNumberId()), blankToNull(start.getBusinessId()));
		Instant issuedAt = command.getIssuedAt() == null ? now : command.getIssuedAt();
		boolean started = flows.jdbi().inTransaction(handle -> {
			// one StartOnboarding of a tenant at a time, so superseding is never raced
			handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
					.bind("key", "onboarding-tenant:" + tenant).mapTo(Integer.class).one();
			if (flows.commandSeen(handle, commandId)) {
				return false;
			}
			for (Flow old : flows.activeOfTenantForUpdate(handle, tenant)) {
				supersede(handle, old, id, now);
			}
			Flow flow = Flow.start(id, commandId, tenant, hints, tokens.seal(id, start.getCode()), issuedAt, now);
			flows.insert(handle, flow);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("command_id", commandId);
			// who started the flow: the API key id the ingress put on the command (null from other services)
			details.put("issued_by", command.getIssuedBy());
			details.put("session_event", hints.sessionEvent());
			details.put("waba_id", hints.wabaId());
			details.put("phone_number_id", hints.phoneNumberId());
			details.put("business_id", hints.businessId());
			writer.record(handle, flow, flow.version(),
					List.of(LogEntry.ok("started", null, details).as(OnboardingEventType.STARTED)), now);
			continuations.schedule(handle, id, tenant, flow.version(), flow.state().name(), 1, now, now);
			return true;
		});
		if (started) {
			outbox.committed();
		}
		else {
			log.debug("StartOnboarding {} was delivered again: its flow {} exists", commandId, id);
		}
	}

	private void supersede(org.jdbi.v3.core.Handle handle, Flow old, String byOnboardingId, Instant now) {
		Flow next = old.toBuilder().state(FlowState.SUPERSEDED).failureReason(SUPERSEDED).completedAt(now).build();
		if (!flows.apply(handle, old, next, now, now)) {
			return;
		}
		String why = "A newer signup of the tenant (onboarding " + byOnboardingId + ") replaced this flow, which was "
				+ old.state().apiName();
		writer.record(handle, next, old.version() + 1, List.of(LogEntry.failed(FlowState.SUPERSEDED.step(), null, null,
				why, Map.of("superseded_by", byOnboardingId, "was", old.state().apiName())).as(OnboardingEventType.FAILED)),
				now);
		outcomes.record(handle, old.commandId(), "StartOnboarding", old.tenantId(), Outcome.rejected(409, SUPERSEDED, why),
				now);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

package io.wabaflow.onboarding.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.command.CommandOutcomes;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.registry.NumberStatus;

/**
 * Offboard: the number leaves the registry's active set (status OFFBOARDED on the compacted topic), so the sender
 * stops using it. Meta is not called: the Deregister API does not apply to coexistence numbers (facts 3.6), whose
 * customers disconnect in the Business app, and that arrives as an account_update anyway.
 */
@Component
public class Offboarding {

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final CommandOutcomes outcomes;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final Executor executor;

	private final Clock clock;

	Offboarding(Jdbi jdbi, PhoneNumberRegistry registry, CommandOutcomes outcomes, TransitionWriter writer, Outbox outbox,
			@Qualifier("onboardingExecutor") Executor executor, Clock clock) {
		this.jdbi = jdbi;
		this.registry = registry;
		this.outcomes = outcomes;
		this.writer = writer;
		this.outbox = outbox;
		this.executor = executor;
		this.clock = clock;
	}

	public CompletableFuture<Void> offboard(OnboardingCommand command) {
		return CompletableFuture.runAsync(() -> offboardNow(command), executor);
	}

	private void offboardNow(OnboardingCommand command) {
		Offboard offboard = (Offboard) command.getPayload();
		String commandId = command.getCommandId();
		String tenant = command.getTenantId();
		Instant now = clock.instant();
		jdbi.useTransaction(handle -> {
			Optional<CommandOutcomes.Stored> known = outcomes.find(handle, commandId);
			if (known.isPresent()) {
				outcomes.republish(handle, commandId, "Offboard", known.get(), now);
				return;
			}
			// another tenant's number is answered exactly like one never onboarded: nothing about it leaks
			Optional<PhoneNumberRegistry.PhoneNumber> number = registry.findOfTenant(handle, offboard.getPhoneNumberId(),
					tenant);
			if (number.isEmpty()) {
				outcomes.record(handle, commandId, "Offboard", tenant, PhoneNumberRegistry.unknownNumber(
						offboard.getPhoneNumberId()), now);
				return;
			}
			String reason = "offboarded" + (offboard.getReason() == null ? "" : ": " + offboard.getReason());
			registry.changeStatus(handle, offboard.getPhoneNumberId(), NumberStatus.OFFBOARDED, reason, now, now);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("command_id", commandId);
			details.put("reason", offboard.getReason());
			details.put("issued_by", command.getIssuedBy());
			PhoneNumberRegistry.PhoneNumber offboarded = number.get();
			writer.record(handle, offboarded.onboardingId(), offboarded.tenantId(), offboarded.wabaId(),
					offboarded.phoneNumberId(), "offboard:" + commandId,
					List.of(LogEntry.ok("offboard", null, details).as(OnboardingEventType.OFFBOARDED)), now);
			outcomes.record(handle, commandId, "Offboard", tenant, Outcome.ok(200, "{\"phone_number_id\":\""
					+ offboarded.phoneNumberId() + "\",\"status\":\"offboarded\"}"), now);
		});
		outbox.committed();
	}
}

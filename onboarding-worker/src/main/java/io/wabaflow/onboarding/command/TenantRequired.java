package io.wabaflow.onboarding.command;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.onboarding.OnboardingCommand;

/**
 * A command that names no tenant is answered REJECTED 400 {@code TENANT_REQUIRED} and does nothing else: every
 * number, flow and log row belongs to a tenant, so there is nothing such a command could be checked against.
 */
@Component
class TenantRequired {

	static final String TENANT_REQUIRED = "TENANT_REQUIRED";

	private final Jdbi jdbi;

	private final CommandOutcomes outcomes;

	private final Outbox outbox;

	private final Executor executor;

	private final Clock clock;

	TenantRequired(Jdbi jdbi, CommandOutcomes outcomes, Outbox outbox,
			@Qualifier("onboardingExecutor") Executor executor, Clock clock) {
		this.jdbi = jdbi;
		this.outcomes = outcomes;
		this.outbox = outbox;
		this.executor = executor;
		this.clock = clock;
	}

	static boolean missing(OnboardingCommand command) {
		return command.getTenantId() == null || command.getTenantId().isBlank();
	}

	CompletableFuture<Void> reject(OnboardingCommand command, String commandType) {
		return CompletableFuture.runAsync(() -> {
			Instant now = clock.instant();
			jdbi.useTransaction(handle -> {
				var known = outcomes.find(handle, command.getCommandId());
				if (known.isPresent()) {
					outcomes.republish(handle, command.getCommandId(), commandType, known.get(), now);
					return;
				}
				outcomes.record(handle, command.getCommandId(), commandType, null, Outcome.rejected(400, TENANT_REQUIRED,
						commandType + " needs a tenant_id: the tenant the command acts for"), now);
			});
			outbox.committed();
		}, executor);
	}
}

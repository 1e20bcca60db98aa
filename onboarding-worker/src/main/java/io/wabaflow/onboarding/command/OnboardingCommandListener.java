package io.wabaflow.onboarding.command;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.coexistence.CoexistenceSync;
import io.wabaflow.onboarding.flow.FlowStarter;
import io.wabaflow.onboarding.polling.ListenerTimings;
import io.wabaflow.onboarding.registry.Offboarding;
import io.wabaflow.platform.kafka.AsyncRecordSettler;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.onboarding.StartOnboarding;

/**
 * {@code wabaflow.commands.onboarding.v1}: each command goes to its use case, which answers a future; the offset
 * is committed when the command's effects are durable. A command without a tenant is rejected here, before any use
 * case sees it ({@link TenantRequired}); each use case checks that the number it names belongs to that tenant.
 */
@Component
class OnboardingCommandListener {

	/** The audit trail of commands (key id and tenant, never a secret), as the platform logs HTTP calls. */
	private static final Logger audit = LoggerFactory.getLogger("io.wabaflow.audit");

	private final FlowStarter starter;

	private final CoexistenceSync coexistence;

	private final Offboarding offboarding;

	private final TenantRequired tenantRequired;

	private final ListenerTimings timings;

	private final AsyncRecordSettler settler;

	OnboardingCommandListener(FlowStarter starter, CoexistenceSync coexistence, Offboarding offboarding,
			TenantRequired tenantRequired, ListenerTimings timings, AsyncRecordSettler settler) {
		this.starter = starter;
		this.coexistence = coexistence;
		this.offboarding = offboarding;
		this.tenantRequired = tenantRequired;
		this.timings = timings;
		this.settler = settler;
	}

	@KafkaListener(id = "onboarding-commands",
			groupId = "${wabaflow.onboarding.group-prefix:" + ConsumerGroups.ONBOARDING + "}-commands",
			topics = "#{T(io.wabaflow.schemas.Topics).ONBOARDING_COMMANDS.name()}",
			containerFactory = "onboardingAsyncContainerFactory",
			concurrency = "${wabaflow.onboarding.concurrency.commands:1}")
	CompletableFuture<Void> on(ConsumerRecord<String, Object> record) {
		// the future completes once the command is settled: done, or dead-lettered; a database outage is waited out
		return settler.settle(record, () -> handle(record));
	}

	private CompletableFuture<Void> handle(ConsumerRecord<String, Object> record) {
		Object value = record.value();
		long started = System.nanoTime();
		try {
			if (!(value instanceof OnboardingCommand command) || command.getCommandId() == null) {
				throw new PoisonRecordException("Not an OnboardingCommand with a command id: "
						+ (value == null ? "null" : value.getClass().getSimpleName()));
			}
			Object payload = command.getPayload();
			if (!(payload instanceof StartOnboarding || payload instanceof RequestCoexistenceSync
					|| payload instanceof Offboard)) {
				throw new PoisonRecordException("Unknown onboarding command payload "
						+ (payload == null ? "null" : payload.getClass().getSimpleName()));
			}
			String type = payload.getClass().getSimpleName();
			if (TenantRequired.missing(command)) {
				audit.info("{} {} rejected: no tenant_id (issued by key {})", type, command.getCommandId(),
						command.getIssuedBy());
				return tenantRequired.reject(command, type);
			}
			audit.info("{} {} received for tenant {}, issued by key {}", type, command.getCommandId(), command.getTenantId(),
					command.getIssuedBy() == null ? "-" : command.getIssuedBy());
			if (payload instanceof StartOnboarding) {
				return starter.start(command);
			}
			if (payload instanceof RequestCoexistenceSync) {
				return coexistence.request(command);
			}
			return offboarding.offboard(command);
		}
		finally {
			timings.record(System.nanoTime() - started);
		}
	}
}

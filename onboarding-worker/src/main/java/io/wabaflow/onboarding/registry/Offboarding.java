package io.wabaflow.onboarding.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.onboarding.command.CommandOutcomes;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.onboarding.Offboard;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;

/**
 * Offboard: the number leaves the registry's active set (status OFFBOARDED on the compacted topic) in the command's
 * transaction, so the sender refuses its sends from then on, and the command is answered at once. Then Meta is told,
 * off the consumer thread: a cloud number is deregistered ({@code POST /<id>/deregister}; not a coexistence number,
 * whose customer disconnects in the Business app, facts 3.6), and the app's subscription to the WABA is removed when
 * no other active number of the WABA needs it. Each call's outcome is a row of the integration log
 * ({@code deregister}, {@code unsubscribe_app}); a failed one is tried again by offboarding the number again.
 */
@Component
public class Offboarding {

	private static final Logger log = LoggerFactory.getLogger(Offboarding.class);

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final CommandOutcomes outcomes;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final Executor executor;

	private final Clock clock;

	private final GraphCalls graph;

	Offboarding(Jdbi jdbi, PhoneNumberRegistry registry, CommandOutcomes outcomes, TransitionWriter writer, Outbox outbox,
			@Qualifier("onboardingExecutor") Executor executor, Clock clock, GraphCalls graph) {
		this.graph = graph;
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
		Optional<PhoneNumberRegistry.PhoneNumber> released = jdbi.inTransaction(handle -> {
			Optional<CommandOutcomes.Stored> known = outcomes.find(handle, commandId);
			if (known.isPresent()) {
				outcomes.republish(handle, commandId, "Offboard", known.get(), now);
				return Optional.empty();
			}
			// another tenant's number is answered exactly like one never onboarded: nothing about it leaks
			Optional<PhoneNumberRegistry.PhoneNumber> number = registry.findOfTenant(handle, offboard.getPhoneNumberId(),
					tenant);
			if (number.isEmpty()) {
				outcomes.record(handle, commandId, "Offboard", tenant, PhoneNumberRegistry.unknownNumber(
						offboard.getPhoneNumberId()), now);
				return Optional.empty();
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
			return Optional.of(offboarded);
		});
		outbox.committed();
		released.ifPresent(number -> releaseAtMeta(number, commandId));
	}

	/** Deregisters a cloud number and unsubscribes the app when the WABA has no other active number; both logged. */
	private void releaseAtMeta(PhoneNumberRegistry.PhoneNumber number, String commandId) {
		String token = registry.token(number);
		CompletableFuture<LogEntry> deregistered = number.numberType() == NumberType.CLOUD
				? step("deregister", graph.call(client -> client.deregister(number.phoneNumberId(), token)))
				: CompletableFuture.completedFuture(null);
		deregistered.thenCompose(deregister -> {
			boolean othersActive = jdbi.withHandle(handle -> registry.ofWaba(handle, number.wabaId()).stream()
					.anyMatch(other -> !other.phoneNumberId().equals(number.phoneNumberId())
							&& other.status() == NumberStatus.ACTIVE));
			CompletableFuture<LogEntry> unsubscribed = othersActive ? CompletableFuture.completedFuture(
					LogEntry.ok("unsubscribe_app", null, Map.of("skipped", "another number of the WABA is active")))
					: step("unsubscribe_app", graph.call(client -> client.unsubscribeApp(number.wabaId(), token)));
			return unsubscribed.thenAccept(unsubscribe -> {
				List<LogEntry> entries = new ArrayList<>();
				if (deregister != null) {
					entries.add(deregister);
				}
				entries.add(unsubscribe);
				jdbi.useTransaction(handle -> writer.record(handle, number.onboardingId(), number.tenantId(),
						number.wabaId(), number.phoneNumberId(), "offboard_meta:" + commandId, entries, clock.instant()));
				outbox.committed();
			});
		}).exceptionally(failure -> {
			log.warn("Recording Meta's side of offboarding {} failed: {}", number.phoneNumberId(), failure.toString());
			return null;
		});
	}

	/** A Graph call's outcome as a log entry: ok, or failed with Meta's code and message. */
	private static CompletableFuture<LogEntry> step(String name, CompletableFuture<Void> call) {
		return call.handle((ignored, failure) -> {
			if (failure == null) {
				return LogEntry.ok(name, null, Map.of());
			}
			GraphApiException graph = GraphClient.unwrap(failure);
			return graph == null ? LogEntry.failed(name, null, null, failure.toString(), Map.of())
					: LogEntry.failed(name, null, graph.code(), graph.error().message(), Map.of());
		});
	}
}

package io.wabaflow.onboarding.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.AccountUpdate;
import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * {@code account_update} webhooks (facts 2.6) change the registry: a partner removed or the app uninstalled
 * disconnects the WABA's numbers (a coexistence PARTNER_REMOVED names its number), an offboarded or deleted account
 * offboards them, a reconnection or a reinstated ban makes them active again. Each change is applied once (event
 * id) and only if it is not older than the number's last status change, so late and repeated deliveries change
 * nothing. The new status goes onto the compacted registry topic.
 */
@Component
public class AccountUpdates {

	static final String STEP = "account_update";

	private static final Logger log = LoggerFactory.getLogger(AccountUpdates.class);

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final ChangeValueParser parser = new ChangeValueParser();

	private final Clock clock;

	AccountUpdates(Jdbi jdbi, PhoneNumberRegistry registry, TransitionWriter writer, Outbox outbox, Clock clock) {
		this.jdbi = jdbi;
		this.registry = registry;
		this.writer = writer;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** The status an account_update event gives the WABA's numbers, if it changes any. */
	static Optional<NumberStatus> statusFor(AccountUpdate update) {
		String event = update.event() == null ? "" : update.event();
		return switch (event) {
			case "PARTNER_REMOVED", "PARTNER_APP_UNINSTALLED" -> Optional.of(NumberStatus.DISCONNECTED);
			case "ACCOUNT_OFFBOARDED", "ACCOUNT_DELETED" -> Optional.of(NumberStatus.OFFBOARDED);
			case "ACCOUNT_RECONNECTED" -> Optional.of(NumberStatus.ACTIVE);
			case "DISABLED_UPDATE" -> update.banInfo() == null || update.banInfo().state() == null ? Optional.empty()
					: switch (update.banInfo().state()) {
						case "DISABLE" -> Optional.of(NumberStatus.DISCONNECTED);
						case "REINSTATE" -> Optional.of(NumberStatus.ACTIVE);
						default -> Optional.empty();
					};
			default -> Optional.empty();
		};
	}

	public void apply(WebhookChange change) {
		AccountUpdate update = parser.accountUpdate(change.getValueJson());
		Optional<NumberStatus> status = statusFor(update);
		if (status.isEmpty()) {
			return;
		}
		String wabaId = update.wabaInfo() != null && update.wabaInfo().wabaId() != null ? update.wabaInfo().wabaId()
				: change.getWabaId();
		Instant happenedAt = RegistryWebhooks.happenedAt(change);
		Instant now = clock.instant();
		String reason = update.event() + (update.disconnectionInfo() == null || update.disconnectionInfo().reason() == null
				? "" : " (" + update.disconnectionInfo().reason() + ")");
		RegistryWebhooks.applyOnce(jdbi, outbox, change, now, handle -> {
			List<PhoneNumberRegistry.PhoneNumber> numbers = registry.ofWaba(handle, wabaId).stream()
					.filter(number -> update.phoneNumber() == null
							|| RegistryWebhooks.sameNumber(update.phoneNumber(), number.displayPhoneNumber()))
					.toList();
			boolean any = false;
			for (PhoneNumberRegistry.PhoneNumber number : numbers) {
				Optional<PhoneNumberRegistry.PhoneNumber> updated = registry.changeStatus(handle, number.phoneNumberId(),
						status.get(), reason, happenedAt, now);
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("event", update.event());
				details.put("status", status.get().name());
				details.put("previous_status", number.status().name());
				details.put("webhook_event_id", change.getEventId());
				details.put("applied", updated.isPresent());
				if (update.disconnectionInfo() != null) {
					details.put("disconnection_reason", update.disconnectionInfo().reason());
					details.put("initiated_by", update.disconnectionInfo().initiatedBy());
				}
				LogEntry entry = LogEntry.ok(STEP, null, details);
				if (updated.isPresent() && status.get() != NumberStatus.ACTIVE) {
					entry = entry.as(OnboardingEventType.OFFBOARDED);
				}
				writer.record(handle, number.onboardingId(), number.tenantId(), wabaId, number.phoneNumberId(),
						"account_update:" + change.getEventId() + ":" + number.phoneNumberId(), List.of(entry), now);
				any = true;
			}
			if (!any) {
				log.debug("account_update {} for WABA {} concerns no number onboarded here", update.event(), wabaId);
			}
			return any;
		});
	}
}

package io.wabaflow.onboarding.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.CapabilityUpdate;
import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.QualityUpdate;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * Meta changed a number's limits (facts 4.5), and the registry follows so that the sender does too:
 * <ul>
 * <li>{@code phone_number_quality_update} with {@code THROUGHPUT_UPGRADE}: the number may send 1,000 messages/s
 * instead of 80 (coexistence numbers stay at their fixed 20/s);</li>
 * <li>a {@code phone_number_quality_update}'s {@code current_limit} tier, and a {@code business_capability_update}'s
 * {@code max_daily_conversations_per_business}: the messaging limit (business-initiated conversations with unique
 * users in a moving 24 h), for the display number named, or for every number of the WABA.</li>
 * </ul>
 * Each change is applied once (event id) and only when not older than the last change of the same limit; a changed
 * number is published again on the registry topic.
 */
@Component
public class LimitUpdates {

	static final String THROUGHPUT_STEP = "throughput_update";

	static final String MESSAGING_LIMIT_STEP = "messaging_limit_update";

	/** Meta's throughput after the automatic upgrade. */
	static final int UPGRADED_MPS = 1_000;

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final ChangeValueParser parser = new ChangeValueParser();

	private final Clock clock;

	LimitUpdates(Jdbi jdbi, PhoneNumberRegistry registry, TransitionWriter writer, Outbox outbox, Clock clock) {
		this.jdbi = jdbi;
		this.registry = registry;
		this.writer = writer;
		this.outbox = outbox;
		this.clock = clock;
	}

	public void apply(WebhookChange change) {
		if (WebhookFields.PHONE_NUMBER_QUALITY_UPDATE.equals(change.getField())) {
			quality(change);
		}
		else if (WebhookFields.BUSINESS_CAPABILITY_UPDATE.equals(change.getField())) {
			capability(change);
		}
	}

	private void quality(WebhookChange change) {
		QualityUpdate update = parser.qualityUpdate(change.getValueJson());
		boolean upgrade = QualityUpdate.THROUGHPUT_UPGRADE.equals(update.event());
		Optional<OptionalInt> limit = update.messagingLimit();
		if (update.displayPhoneNumber() == null || (!upgrade && limit.isEmpty())) {
			return;
		}
		applyOnce(change, handle -> {
			boolean any = false;
			for (PhoneNumberRegistry.PhoneNumber number : registry.ofWaba(handle, change.getWabaId())) {
				if (!RegistryWebhooks.sameNumber(update.displayPhoneNumber(), number.displayPhoneNumber())) {
					continue;
				}
				if (upgrade && number.numberType() == NumberType.CLOUD) {
					Optional<PhoneNumberRegistry.PhoneNumber> updated = registry.changeThroughput(handle,
							number.phoneNumberId(), UPGRADED_MPS, RegistryWebhooks.happenedAt(change), clock.instant());
					Map<String, Object> details = details(change, update.event());
					details.put("throughput_mps", UPGRADED_MPS);
					details.put("previous_throughput_mps", number.throughputMps());
					details.put("current_limit", update.currentLimit());
					log(handle, change, number, THROUGHPUT_STEP, details, updated.isPresent());
					any |= updated.isPresent();
				}
				if (limit.isPresent()) {
					any |= messagingLimit(handle, change, number, limit.get(), update.event());
				}
			}
			return any;
		});
	}

	private void capability(WebhookChange change) {
		CapabilityUpdate update = parser.capabilityUpdate(change.getValueJson());
		if (update.maxDailyConversations() == null) {
			return;
		}
		OptionalInt limit = update.maxDailyConversations() < 0 ? OptionalInt.empty()
				: OptionalInt.of(update.maxDailyConversations());
		applyOnce(change, handle -> {
			boolean any = false;
			for (PhoneNumberRegistry.PhoneNumber number : registry.ofWaba(handle, change.getWabaId())) {
				any |= messagingLimit(handle, change, number, limit, WebhookFields.BUSINESS_CAPABILITY_UPDATE);
			}
			return any;
		});
	}

	private boolean messagingLimit(Handle handle, WebhookChange change, PhoneNumberRegistry.PhoneNumber number,
			OptionalInt limit, String event) {
		Integer value = limit.isPresent() ? Integer.valueOf(limit.getAsInt()) : null;
		Optional<PhoneNumberRegistry.PhoneNumber> updated = registry.changeMessagingLimit(handle, number.phoneNumberId(),
				value, RegistryWebhooks.happenedAt(change), clock.instant());
		Map<String, Object> details = details(change, event);
		details.put("messaging_limit", value == null ? "unlimited" : value);
		details.put("previous_messaging_limit", number.messagingLimit());
		log(handle, change, number, MESSAGING_LIMIT_STEP, details, updated.isPresent());
		return updated.isPresent();
	}

	private void applyOnce(WebhookChange change, RegistryWebhooks.Work work) {
		RegistryWebhooks.applyOnce(jdbi, outbox, change, clock.instant(), work);
	}

	private static Map<String, Object> details(WebhookChange change, String event) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("event", event);
		details.put("webhook_event_id", change.getEventId());
		return details;
	}

	private void log(Handle handle, WebhookChange change, PhoneNumberRegistry.PhoneNumber number, String step,
			Map<String, Object> details, boolean applied) {
		details.put("applied", applied);
		writer.record(handle, number.onboardingId(), number.tenantId(), number.wabaId(), number.phoneNumberId(),
				step + ":" + change.getEventId() + ":" + number.phoneNumberId(), List.of(LogEntry.ok(step, null, details)),
				clock.instant());
	}
}

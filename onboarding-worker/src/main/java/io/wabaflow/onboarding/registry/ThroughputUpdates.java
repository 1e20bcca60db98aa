package io.wabaflow.onboarding.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.QualityUpdate;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.TransitionWriter;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * {@code phone_number_quality_update} with {@code THROUGHPUT_UPGRADE} (facts 4.5): Meta lets the number send 1,000
 * messages/s instead of 80. The registry records it and publishes the number again with that throughput, which the
 * sender follows: a number Meta upgraded is not held at 80/s until an operator notices. Applied once (event id) and
 * only when not older than the last throughput change; coexistence numbers stay at their fixed 20/s.
 */
@Component
public class ThroughputUpdates {

	static final String STEP = "throughput_update";

	/** Meta's throughput after the automatic upgrade. */
	static final int UPGRADED_MPS = 1_000;

	private final Jdbi jdbi;

	private final PhoneNumberRegistry registry;

	private final TransitionWriter writer;

	private final Outbox outbox;

	private final ChangeValueParser parser = new ChangeValueParser();

	private final Clock clock;

	ThroughputUpdates(Jdbi jdbi, PhoneNumberRegistry registry, TransitionWriter writer, Outbox outbox, Clock clock) {
		this.jdbi = jdbi;
		this.registry = registry;
		this.writer = writer;
		this.outbox = outbox;
		this.clock = clock;
	}

	public void apply(WebhookChange change) {
		QualityUpdate update = parser.qualityUpdate(change.getValueJson());
		if (!QualityUpdate.THROUGHPUT_UPGRADE.equals(update.event()) || update.displayPhoneNumber() == null) {
			return;
		}
		Instant happenedAt = RegistryWebhooks.happenedAt(change);
		Instant now = clock.instant();
		boolean changed = jdbi.inTransaction(handle -> {
			if (!RegistryWebhooks.firstDelivery(handle, change, now)) {
				return false;
			}
			boolean any = false;
			List<PhoneNumberRegistry.PhoneNumber> numbers = registry.ofWaba(handle, change.getWabaId()).stream()
					.filter(number -> number.numberType() == NumberType.CLOUD
							&& RegistryWebhooks.sameNumber(update.displayPhoneNumber(), number.displayPhoneNumber()))
					.toList();
			for (PhoneNumberRegistry.PhoneNumber number : numbers) {
				Optional<PhoneNumberRegistry.PhoneNumber> updated = registry.changeThroughput(handle,
						number.phoneNumberId(), UPGRADED_MPS, happenedAt, now);
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("event", update.event());
				details.put("throughput_mps", UPGRADED_MPS);
				details.put("previous_throughput_mps", number.throughputMps());
				details.put("current_limit", update.currentLimit());
				details.put("webhook_event_id", change.getEventId());
				details.put("applied", updated.isPresent());
				writer.record(handle, number.onboardingId(), number.tenantId(), number.wabaId(), number.phoneNumberId(),
						"throughput_update:" + change.getEventId() + ":" + number.phoneNumberId(),
						List.of(LogEntry.ok(STEP, null, details)), now);
				any |= updated.isPresent();
			}
			return any;
		});
		if (changed) {
			outbox.committed();
		}
	}
}

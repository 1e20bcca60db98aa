package io.wabaflow.sandbox.scenario;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.messages.RateLimits;
import io.wabaflow.sandbox.runtime.Choices;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario API, what Meta decides about a WABA or a number: new capabilities ({@code business_capability_update},
 * peer-webhooks 079) and a quality, limit or throughput change ({@code phone_number_quality_update}, 081). Both
 * are WABA-level webhooks with the entry's {@code time} and no {@code metadata}.
 */
@RestController
@RequestMapping("/sandbox")
class AccountEventsScenarioController {

	static final List<String> QUALITY_EVENTS = List.of("THROUGHPUT_UPGRADE", "UPGRADE", "DOWNGRADE", "FLAGGED",
			"UNFLAGGED");
	/** Meta's tiers, with 2K from the 2025 scaling path. */
	static final List<String> LIMITS = List.of("TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K", "TIER_100K",
			"TIER_UNLIMITED", "TIER_NOT_SET");

	record CapabilityChange(Integer maxDailyConversations, Integer maxPhoneNumbers) {
	}

	/** {@code currentLimit} is required except for THROUGHPUT_UPGRADE, where it defaults to TIER_UNLIMITED. */
	record QualityChange(String event, String currentLimit, String oldLimit) {
	}

	private final World world;
	private final RateLimits limits;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;

	AccountEventsScenarioController(World world, RateLimits limits, WebhookDispatcher dispatcher, Clock clock) {
		this.world = world;
		this.limits = limits;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/** → {@code {"max_daily_conversations_per_business":N,"max_phone_numbers_per_waba"?:M}}. */
	@PostMapping("/wabas/{wabaId}/capability")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> capability(@PathVariable String wabaId, @RequestBody CapabilityChange change) {
		Waba waba = world.requireWaba(wabaId);
		if (change.maxDailyConversations() == null || change.maxDailyConversations() < 0
				|| change.maxPhoneNumbers() != null && change.maxPhoneNumbers() < 0) {
			throw new IllegalArgumentException(
					"maxDailyConversations (a number ≥ 0) is required; maxPhoneNumbers is optional (≥ 0)");
		}
		ObjectNode value = Json.object();
		value.put("max_daily_conversations_per_business", change.maxDailyConversations().intValue());
		if (change.maxPhoneNumbers() != null) {
			value.put("max_phone_numbers_per_waba", change.maxPhoneNumbers().intValue());
		}
		return emit("business_capability_update", waba.id(), null, value);
	}

	/**
	 * → {@code {"display_phone_number","event","current_limit","old_limit"?}}. THROUGHPUT_UPGRADE also raises the
	 * number's sandbox throughput to 1,000 mps (a coexistence number's stays fixed, so it is refused).
	 */
	@PostMapping("/phone-numbers/{phoneNumberId}/quality")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> quality(@PathVariable String phoneNumberId, @RequestBody QualityChange change) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		String event = Choices.oneOf("event", change.event(), QUALITY_EVENTS);
		boolean throughputUpgrade = event.equals("THROUGHPUT_UPGRADE");
		String current = Choices.oneOf("currentLimit",
				change.currentLimit() == null && throughputUpgrade ? "TIER_UNLIMITED" : change.currentLimit(), LIMITS);
		String old = change.oldLimit() == null ? null : Choices.oneOf("oldLimit", change.oldLimit(), LIMITS);
		if (throughputUpgrade) {
			if (phone.coexistence()) {
				throw new IllegalArgumentException("a coexistence number's throughput is fixed at 20 mps [TP]");
			}
			world.updatePhone(phone.id(), number -> number.withThroughput(PhoneNumber.HIGH_THROUGHPUT_MPS));
			limits.forget(phone.id());
		}
		ObjectNode value = Json.object();
		value.put("display_phone_number", phone.displayDigits());
		value.put("event", event);
		value.put("current_limit", current);
		if (old != null) {
			value.put("old_limit", old);
		}
		return emit("phone_number_quality_update", phone.wabaId(), phone.id(), value);
	}

	private Map<String, Object> emit(String field, String wabaId, String phoneNumberId, ObjectNode value) {
		return Map.of("deliveryIds", dispatcher.dispatch(
				new Webhook(field, wabaId, phoneNumberId, value, clock.instant().getEpochSecond())));
	}
}

package io.wabaflow.sandbox.onboarding;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;

/**
 * Which of the WABA creation strategies of seed 001 succeeds, for one business or for all, and how many polls
 * (reads of the WABA or of a WABA list that would hold it) still miss the new WABA before it becomes visible.
 * Without a plan every strategy fails, each with its own realistic error.
 *
 * <ul>
 * <li>2A {@code POST /{business_id}/client_whatsapp_applications}</li>
 * <li>2B {@code POST /{business_id}/whatsapp_business_accounts}</li>
 * <li>2C {@code POST /{business_id}/applications}</li>
 * <li>2D {@code POST /whatsapp_business_accounts} with {@code business_manager_id}</li>
 * <li>2E no creation call: the WABA appears in {@code GET /debug_token}'s granular scopes</li>
 * </ul>
 */
@Component
public class WabaCreationPlans implements Resettable {

	public static final String DEBUG_TOKEN = "2E";

	/** {@code strategy}: 2A-2E or NONE; {@code failures}: error code per failing strategy, overriding the default. */
	public record Plan(String strategy, int visibleAfterPolls, Map<String, Integer> failures) {

		public Plan {
			strategy = strategy == null ? "NONE" : strategy.toUpperCase(Locale.ROOT);
			failures = failures == null ? Map.of() : Map.copyOf(failures);
		}
	}

	private static final String ALL = "*";

	private final World world;
	private final Map<String, Plan> plans = new ConcurrentHashMap<>();

	WabaCreationPlans(World world) {
		this.world = world;
	}

	@Override
	public void reset() {
		plans.clear();
	}

	public void set(String businessId, Plan plan) {
		plans.put(businessId == null || businessId.isBlank() ? ALL : businessId, plan);
	}

	public Map<String, Plan> plans() {
		return Map.copyOf(plans);
	}

	Plan planFor(String businessId) {
		return Optional.ofNullable(plans.get(businessId)).or(() -> Optional.ofNullable(plans.get(ALL)))
				.orElse(new Plan("NONE", 0, Map.of()));
	}

	/** Creates the WABA of a 2E plan the first time the business's token is inspected. */
	synchronized void appearThroughDebugToken(String businessId) {
		Plan plan = planFor(businessId);
		if (!DEBUG_TOKEN.equals(plan.strategy())) {
			return;
		}
		boolean exists = world.wabasOwnedBy(businessId).stream().map(Waba::createdBy).anyMatch(DEBUG_TOKEN::equals);
		if (!exists) {
			world.addWaba(null, businessId, "WhatsApp Business Account", world.partner().id(), false, DEBUG_TOKEN,
					plan.visibleAfterPolls());
		}
	}
}

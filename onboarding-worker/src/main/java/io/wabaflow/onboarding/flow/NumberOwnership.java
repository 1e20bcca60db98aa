package io.wabaflow.onboarding.flow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.registry.PhoneNumberRegistry;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry.PhoneNumber;
import io.wabaflow.schemas.registry.NumberStatus;

/**
 * A number belongs to the tenant whose onboarding registered it. A signup of another tenant that arrives at a number
 * that is ACTIVE for someone else does not move it (the registry's upsert would, silently, with its token): the flow
 * fails with {@code NUMBER_OWNED_BY_ANOTHER_TENANT}. Checked when the number is selected, before {@code register}
 * is called, and again in the transaction that completes the flow, under a lock per number, so that two tenants
 * completing the same number at once cannot both win. A number that was offboarded or disconnected may be onboarded
 * by another tenant.
 */
@Component
class NumberOwnership {

	static final String NUMBER_OWNED_BY_ANOTHER_TENANT = "NUMBER_OWNED_BY_ANOTHER_TENANT";

	static final String STEP = "phone_ownership";

	private static final Logger log = LoggerFactory.getLogger(NumberOwnership.class);

	private final PhoneNumberRegistry registry;

	private final Failures failures;

	NumberOwnership(PhoneNumberRegistry registry, Failures failures) {
		this.registry = registry;
		this.failures = failures;
	}

	/** Serialises the completions of one number until the transaction ends. */
	void lock(Handle handle, String phoneNumberId) {
		handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
				.bind("key", "onboarding-number:" + phoneNumberId).mapTo(Integer.class).one();
	}

	/** The failure of {@code flow} when its number is active for another tenant; empty when it may have it. */
	Optional<Transition> refusal(Handle handle, Flow flow, String phoneNumberId, Instant now) {
		Optional<PhoneNumber> owner = registry.find(handle, phoneNumberId)
				.filter(number -> number.status() == NumberStatus.ACTIVE && !number.tenantId().equals(flow.tenantId()));
		if (owner.isEmpty()) {
			return Optional.empty();
		}
		// the other tenant is named in the worker's log for operators, never in the flow's log (its tenant reads it)
		log.warn("{} reached phone number {}, which is active for tenant {}: the flow fails, the number stays",
				flow, phoneNumberId, owner.get().tenantId());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phone_number_id", phoneNumberId);
		details.put("waba_id", flow.wabaId());
		String message = "Phone number " + phoneNumberId + " is connected to another account of this service";
		return Optional.of(failures.fail(flow, STEP, null, NUMBER_OWNED_BY_ANOTHER_TENANT, 409, null, message, now,
				details, message + ": it must be offboarded there before it can be onboarded again."));
	}
}

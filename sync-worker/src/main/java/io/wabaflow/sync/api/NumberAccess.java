package io.wabaflow.sync.api;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;

/**
 * Which numbers a caller may read: a number belongs to the tenant the registry gives it (phone_numbers,
 * projected from wabaflow.phone-numbers.v1). A number no tenant owns (its webhooks are still projected) is
 * for operators only. Another tenant's number and one that does not exist get the same 404.
 */
final class NumberAccess {

	private NumberAccess() {
	}

	static void check(Handle handle, Principal caller, String phoneNumberId) {
		if (caller.operator()) {
			return;
		}
		String owner = handle.createQuery("SELECT tenant_id FROM phone_numbers WHERE phone_number_id = :pn")
				.bind("pn", phoneNumberId).mapTo(String.class).findOne().orElse(null);
		NotOwnedException.check(caller, owner, "No phone number " + phoneNumberId);
	}

	/**
	 * A number as the registry has it. {@code throughput_mps}: messages per second Meta allows it (its tier, or a
	 * throughput upgrade; null: the sender's default, 80 for cloud numbers); {@code messaging_limit}: business-initiated
	 * conversations with unique users in a moving 24 h (null: not said, or unlimited).
	 */
	record NumberView(String phoneNumberId, String tenantId, String wabaId, String displayPhoneNumber,
			String numberType, String status, Integer throughputMps, Integer messagingLimit, Instant onboardedAt,
			Instant updatedAt) {
	}

	/** The caller's numbers (an operator's: all), by id, after {@code afterId}. */
	static List<NumberView> list(Handle handle, Principal caller, String afterId, int limit) {
		return handle.createQuery("""
				SELECT phone_number_id, tenant_id, waba_id, display_phone_number, number_type, status, throughput_mps,
					messaging_limit, onboarded_at, updated_at
				FROM phone_numbers
				WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)
					AND (CAST(:after AS text) IS NULL OR phone_number_id > :after)
				ORDER BY phone_number_id
				LIMIT :limit
				""")
				.bind("tenant", caller.operator() ? null : caller.tenantId()).bind("after", afterId).bind("limit", limit)
				.map((rs, ctx) -> new NumberView(rs.getString("phone_number_id"), rs.getString("tenant_id"),
						rs.getString("waba_id"), rs.getString("display_phone_number"), rs.getString("number_type").toLowerCase(),
						rs.getString("status").toLowerCase(), (Integer) rs.getObject("throughput_mps"),
						(Integer) rs.getObject("messaging_limit"), rs.getTimestamp("onboarded_at").toInstant(),
						rs.getTimestamp("updated_at").toInstant()))
				.list();
	}
}

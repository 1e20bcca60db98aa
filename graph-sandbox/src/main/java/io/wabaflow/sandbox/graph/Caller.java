package io.wabaflow.sandbox.graph;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is calling, from the access token. A BUSINESS token comes from exchanging an Embedded Signup code and is
 * tied to the client's business and the WABAs it shared; the SYSTEM_USER token is the partner's own; an APP token
 * ({@code app_id|app_secret}) may only inspect tokens.
 *
 * @param pageIds the Facebook pages of the user behind the token ({@code GET /me/accounts}); null when no user is
 *                behind it (the partner's system user, a business token the scenario made without pages)
 * @param scopes  what {@code debug_token} reports of a BUSINESS token's granular scopes; null for the others
 */
public record Caller(String token, Kind kind, String businessId, Set<String> grantedWabaIds, Instant issuedAt,
		String userId, Set<String> pageIds, Scopes scopes) {

	public enum Kind {
		SYSTEM_USER, BUSINESS, APP
	}

	/**
	 * The granular scopes {@code debug_token} reports: by default what the signup granted, which a scenario may
	 * change (it changes the report only, not what the token may do).
	 *
	 * @param businessManagement {@code business_management} granted, targeting the token's business
	 * @param wabaIds            the targets of {@code whatsapp_business_management} and
	 *                           {@code whatsapp_business_messaging}
	 */
	public record Scopes(boolean businessManagement, Set<String> wabaIds) {

		public Scopes {
			wabaIds = Collections.unmodifiableSet(new LinkedHashSet<>(wabaIds));
		}
	}

	static final String ATTRIBUTE = Caller.class.getName();
}

package io.wabaflow.sandbox.graph;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling, from the access token. A BUSINESS token comes from exchanging an Embedded Signup code and is
 * tied to the client's business and the WABAs it shared; the SYSTEM_USER token is the partner's own; an APP token
 * ({@code app_id|app_secret}) may only inspect tokens.
 */
public record Caller(String token, Kind kind, String businessId, Set<String> grantedWabaIds, Instant issuedAt,
		String userId) {

	public enum Kind {
		SYSTEM_USER, BUSINESS, APP
	}

	static final String ATTRIBUTE = Caller.class.getName();
}

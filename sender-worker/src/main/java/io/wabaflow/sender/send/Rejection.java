package io.wabaflow.sender.send;

/**
 * Why a command is refused without sending it (the {@code reason} of a REJECTED row and the
 * {@code error_code} of its result).
 *
 * @param details for a person: which rule, where
 */
record Rejection(String reason, String details) {

	/** The command names no tenant: nobody could be checked as the number's owner. */
	static final String TENANT_REQUIRED = "TENANT_REQUIRED";

	static final String INVALID_CONTENT = "INVALID_CONTENT";

	static final String WINDOW_CLOSED = "WINDOW_CLOSED";

	/** Not a number of the command's tenant: unknown, or registered to another tenant (the two look alike). */
	static final String UNKNOWN_NUMBER = "UNKNOWN_NUMBER";

	/** The tenant's own number is disconnected or offboarded (or not yet active): nothing goes out until it is again. */
	static final String NUMBER_DISCONNECTED = "NUMBER_DISCONNECTED";

	/** A template that would start a conversation beyond Meta's messaging limit for the number. */
	static final String MESSAGING_LIMIT = "MESSAGING_LIMIT";

	static Rejection invalid(String details) {
		return new Rejection(INVALID_CONTENT, details);
	}

	static Rejection windowClosed(String details) {
		return new Rejection(WINDOW_CLOSED, details);
	}

	static Rejection tenantRequired() {
		return new Rejection(TENANT_REQUIRED, "The command names no tenant_id: every send acts for a tenant");
	}

	/**
	 * The one text for a number the tenant does not own, whether no tenant or another one registered it,
	 * so that a rejection never tells one tenant that a number belongs to someone else.
	 */
	static Rejection unknownNumber(String phoneNumberId) {
		return new Rejection(UNKNOWN_NUMBER, "Phone number " + phoneNumberId + " is not one of the tenant's onboarded numbers");
	}

	/** The HTTP status the ingress answers {@code Prefer: wait} with for a rejection of this reason. */
	static int httpStatus(String reason) {
		if (TENANT_REQUIRED.equals(reason) || INVALID_CONTENT.equals(reason)) {
			return 400;
		}
		// 404 like every other resource a tenant does not own (DESIGN.md principle 8)
		return UNKNOWN_NUMBER.equals(reason) ? 404 : 422;
	}
}

package io.wabaflow.onboarding.flow;

/**
 * What the Embedded Signup session told the front end (facts 3.1), passed on in StartOnboarding. All optional: a
 * coexistence finish names only the WABA, FINISH_ONLY_WABA has no phone number.
 */
public record Hints(String sessionEvent, String wabaId, String phoneNumberId, String businessId) {

	public static final String FINISH_ONLY_WABA = "FINISH_ONLY_WABA";

	/** The session shared a WABA without a phone number: the flow does not look for one. */
	public boolean onlyWaba() {
		return FINISH_ONLY_WABA.equals(sessionEvent);
	}
}

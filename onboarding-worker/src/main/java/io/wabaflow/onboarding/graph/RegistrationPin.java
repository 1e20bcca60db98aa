package io.wabaflow.onboarding.graph;

/**
 * The two-step verification PIN numbers are registered with (it becomes the number's PIN at Meta). Never
 * logged: {@link #toString()} hides it.
 */
public record RegistrationPin(String value) {

	public RegistrationPin {
		if (value == null || !value.matches("\\d{6}")) {
			throw new IllegalArgumentException("The registration PIN (WABAFLOW_REGISTRATION_PIN) must be exactly 6 digits");
		}
	}

	@Override
	public String toString() {
		return "RegistrationPin[******]";
	}
}

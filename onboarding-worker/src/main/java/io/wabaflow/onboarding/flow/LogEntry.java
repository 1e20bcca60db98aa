package io.wabaflow.onboarding.flow;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * One row of the integration log (seed 001's {@code whatsapp_integration_logs}), and the event published with it.
 *
 * @param step      e.g. {@code token_exchange}, {@code waba_creation}, {@code waba_polling}
 * @param strategy  how the WABA is being found or created: {@code session_hint}, {@code owned_wabas}, 2A-2E, ...
 * @param details   anything useful to support (never a token or a PIN)
 * @param eventType the event published with the row
 */
public record LogEntry(String step, String strategy, boolean success, Integer errorCode, String errorMessage,
		Map<String, Object> details, OnboardingEventType eventType) {

	public LogEntry {
		details = details == null ? Map.of() : new LinkedHashMap<>(details);
		eventType = eventType == null ? (success ? OnboardingEventType.STEP_SUCCEEDED : OnboardingEventType.STEP_FAILED)
				: eventType;
	}

	public static LogEntry ok(String step, String strategy, Map<String, Object> details) {
		return new LogEntry(step, strategy, true, null, null, details, null);
	}

	public static LogEntry failed(String step, String strategy, Integer code, String message, Map<String, Object> details) {
		return new LogEntry(step, strategy, false, code, message, details, null);
	}

	public LogEntry as(OnboardingEventType type) {
		return new LogEntry(step, strategy, success, errorCode, errorMessage, details, type);
	}
}

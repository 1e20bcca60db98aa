package io.wabaflow.onboarding.flow;

/**
 * Where an onboarding flow is. A non-terminal state names the step that runs next; the flow's row holds it and
 * a continuation record on the work-queue topics says when.
 *
 * <pre>
 * EXCHANGING_CODE → DISCOVERING_WABA ─found──────────────────────────────→ SELECTING_PHONE
 *                        │ none                                              │ cloud      │ coexistence / none
 *                        ↓                                                   ↓            │
 *                   CREATING_WABA (2A→2B→2C→2D→2E) ─created→ POLLING_WABA   REGISTERING_PHONE
 *                        │ all failed              visible ↗  │ never visible  ↓            ↓
 *                        ↓                                    ↓            SUBSCRIBING_APP → COMPLETED
 *                   AWAITING_WABA_CREATION ←──────────────────┘
 *                        │ after 5 min → DISCOVERING_WABA (next round)
 * any step: token rejected / permission / blocked / retries exhausted → FAILED; a newer StartOnboarding of the
 * tenant → SUPERSEDED
 * </pre>
 */
public enum FlowState {

	EXCHANGING_CODE("token_exchange"), DISCOVERING_WABA("waba_discovery"), CREATING_WABA("waba_creation"),
	POLLING_WABA("waba_polling"), AWAITING_WABA_CREATION("awaiting_waba_creation"), SELECTING_PHONE("phone_selection"),
	REGISTERING_PHONE("phone_registration"), SUBSCRIBING_APP("app_subscription"), COMPLETED("completed"),
	FAILED("flow_failed"), SUPERSEDED("superseded");

	private final String step;

	FlowState(String step) {
		this.step = step;
	}

	/** The integration log's name of this state's step, e.g. {@code waba_polling}. */
	public String step() {
		return step;
	}

	public boolean terminal() {
		return this == COMPLETED || this == FAILED || this == SUPERSEDED;
	}

	/** The lower-case name the status API and the seed's status view use, e.g. {@code awaiting_waba_creation}. */
	public String apiName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}

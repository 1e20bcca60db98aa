package io.wabaflow.onboarding.flow;

import java.time.Instant;

/**
 * One onboarding flow: a row of {@code onboarding.flows}. Steps read it and return the next version of it
 * (through {@link #toBuilder()}); the row is only ever replaced as a whole, by compare-and-set on
 * {@link #version()}.
 *
 * @param version            bumped by every applied step; a continuation for another version is stale
 * @param stepAttempt        failed attempts of the current step (back-off); reset when the state changes
 * @param pollAttempts       polls done in the current polling (WABA visibility, or phone numbers appearing)
 * @param strategyIndex      the next creation strategy to try (0 = 2A ... 4 = 2E)
 * @param creationRounds     how many times every creation strategy failed (rounds of awaiting_waba_creation)
 * @param pollingStrategy    the creation strategy whose WABA is being polled
 * @param strategyUsed       how the WABA was resolved: session_hint, owned_wabas, client_wabas, debug_token,
 *                           user_pages, or the creation strategy 2A-2E
 * @param encryptedCode      the Embedded Signup code until it is exchanged (AES-GCM, bound to the onboarding id)
 * @param encryptedToken     the business token (AES-GCM, bound to the onboarding id); never stored in clear
 * @param codeIssuedAt       when the code was handed over (the command's issued_at): it lives 30 s
 * @param onboardedAt        when the code was exchanged: Meta's onboarding, which starts the 24 h sync window
 * @param dueAt              when the current state's step is due
 * @param claims             claims of the current version; more than one means a step was interrupted
 * @param awaitingAnnounced  the 202 "awaiting WABA creation" result was published once already
 */
public record Flow(String onboardingId, String commandId, String tenantId, FlowState state, int version,
		int stepAttempt, int pollAttempts, int strategyIndex, int creationRounds, String pollingStrategy,
		String strategyUsed, Hints hints, String businessId, String wabaId, String phoneNumberId,
		String displayPhoneNumber, String numberType, byte[] encryptedCode, byte[] encryptedToken, Instant codeIssuedAt,
		Instant onboardedAt, Instant dueAt, int claims, String lastSuccessfulStep, Integer lastErrorCode,
		String lastErrorMessage, Instant lastErrorAt, String failureReason, boolean awaitingAnnounced,
		Instant createdAt, Instant updatedAt, Instant completedAt) {

	public static final String CLOUD = "CLOUD";

	public static final String COEXISTENCE = "COEXISTENCE";

	/** Version 1 of a new flow: the code is exchanged first, at once. */
	public static Flow start(String onboardingId, String commandId, String tenantId, Hints hints, byte[] encryptedCode,
			Instant codeIssuedAt, Instant now) {
		return new Flow(onboardingId, commandId, tenantId, FlowState.EXCHANGING_CODE, 1, 0, 0, 0, 0, null, null, hints,
				hints.businessId(), null, null, null, null, encryptedCode, null, codeIssuedAt, null, now, 0, null, null,
				null, null, null, false, now, now, null);
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	@Override
	public String toString() {
		return "Flow[" + onboardingId + " tenant=" + tenantId + " " + state + " v" + version + "]";
	}

	/** A copy being changed by a step; {@link #build()} gives the next version's content. */
	public static final class Builder {

		private final Flow from;

		private FlowState state;

		private int stepAttempt;

		private int pollAttempts;

		private int strategyIndex;

		private int creationRounds;

		private String pollingStrategy;

		private String strategyUsed;

		private String businessId;

		private String wabaId;

		private String phoneNumberId;

		private String displayPhoneNumber;

		private String numberType;

		private byte[] encryptedCode;

		private byte[] encryptedToken;

		private Instant onboardedAt;

		private String lastSuccessfulStep;

		private Integer lastErrorCode;

		private String lastErrorMessage;

		private Instant lastErrorAt;

		private String failureReason;

		private boolean awaitingAnnounced;

		private Instant completedAt;

		Builder(Flow from) {
			this.from = from;
			state = from.state;
			stepAttempt = from.stepAttempt;
			pollAttempts = from.pollAttempts;
			strategyIndex = from.strategyIndex;
			creationRounds = from.creationRounds;
			pollingStrategy = from.pollingStrategy;
			strategyUsed = from.strategyUsed;
			businessId = from.businessId;
			wabaId = from.wabaId;
			phoneNumberId = from.phoneNumberId;
			displayPhoneNumber = from.displayPhoneNumber;
			numberType = from.numberType;
			encryptedCode = from.encryptedCode;
			encryptedToken = from.encryptedToken;
			onboardedAt = from.onboardedAt;
			lastSuccessfulStep = from.lastSuccessfulStep;
			lastErrorCode = from.lastErrorCode;
			lastErrorMessage = from.lastErrorMessage;
			lastErrorAt = from.lastErrorAt;
			failureReason = from.failureReason;
			awaitingAnnounced = from.awaitingAnnounced;
			completedAt = from.completedAt;
		}

		/** Moves to another state: its step starts from its first attempt. */
		public Builder state(FlowState next) {
			if (next != state) {
				stepAttempt = 0;
				pollAttempts = 0;
			}
			state = next;
			return this;
		}

		public Builder stepAttempt(int value) {
			stepAttempt = value;
			return this;
		}

		public Builder pollAttempts(int value) {
			pollAttempts = value;
			return this;
		}

		public Builder strategyIndex(int value) {
			strategyIndex = value;
			return this;
		}

		public Builder creationRounds(int value) {
			creationRounds = value;
			return this;
		}

		public Builder pollingStrategy(String value) {
			pollingStrategy = value;
			return this;
		}

		public Builder strategyUsed(String value) {
			strategyUsed = value;
			return this;
		}

		public Builder businessId(String value) {
			businessId = value;
			return this;
		}

		public Builder wabaId(String value) {
			wabaId = value;
			return this;
		}

		public Builder phone(String id, String display, String type) {
			phoneNumberId = id;
			displayPhoneNumber = display;
			numberType = type;
			return this;
		}

		public Builder encryptedCode(byte[] value) {
			encryptedCode = value;
			return this;
		}

		public Builder encryptedToken(byte[] value) {
			encryptedToken = value;
			return this;
		}

		public Builder onboardedAt(Instant value) {
			onboardedAt = value;
			return this;
		}

		public Builder succeeded(String step) {
			lastSuccessfulStep = step;
			return this;
		}

		public Builder error(Integer code, String message, Instant at) {
			lastErrorCode = code;
			lastErrorMessage = message;
			lastErrorAt = at;
			return this;
		}

		public Builder failureReason(String value) {
			failureReason = value;
			return this;
		}

		public Builder awaitingAnnounced(boolean value) {
			awaitingAnnounced = value;
			return this;
		}

		public Builder completedAt(Instant value) {
			completedAt = value;
			return this;
		}

		public FlowState state() {
			return state;
		}

		public int stepAttempt() {
			return stepAttempt;
		}

		/** The content of the next version; version, due time and bookkeeping are set when it is applied. */
		public Flow build() {
			return new Flow(from.onboardingId, from.commandId, from.tenantId, state, from.version, stepAttempt,
					pollAttempts, strategyIndex, creationRounds, pollingStrategy, strategyUsed, from.hints, businessId,
					wabaId, phoneNumberId, displayPhoneNumber, numberType, encryptedCode, encryptedToken,
					from.codeIssuedAt, onboardedAt, from.dueAt, from.claims, lastSuccessfulStep, lastErrorCode,
					lastErrorMessage, lastErrorAt, failureReason, awaitingAnnounced, from.createdAt, from.updatedAt,
					completedAt);
		}
	}
}

package io.wabaflow.sandbox.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphException;
import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;

/**
 * The codes Embedded Signup hands to the browser: one per completed signup, exchangeable once, for 30 seconds
 * [ESI]. The scenario API plays the customer finishing the popup and issues them.
 */
@Component
public class SignupCodes implements Resettable {

	/**
	 * A code and what its exchange grants: the WABAs, the pages of the user who signed up, and what debug_token
	 * reports of the token.
	 */
	public record SignupCode(String code, String businessId, Set<String> wabaIds, Set<String> pageIds,
			Caller.Scopes scopes, Instant issuedAt, Instant expiresAt) {
	}

	private final SandboxProperties properties;
	private final SandboxRandom random;
	private final Clock clock;
	private final Map<String, SignupCode> pending = new ConcurrentHashMap<>();
	private final Map<String, SignupCode> used = new ConcurrentHashMap<>();

	SignupCodes(SandboxProperties properties, SandboxRandom random, Clock clock) {
		this.properties = properties;
		this.random = random;
		this.clock = clock;
	}

	@Override
	public void reset() {
		pending.clear();
		used.clear();
	}

	public SignupCode issue(String businessId, Set<String> wabaIds, Set<String> pageIds, Caller.Scopes scopes) {
		Instant now = clock.instant();
		SignupCode code = new SignupCode("AQ" + random.alphanumeric(120), businessId, Set.copyOf(wabaIds),
				Set.copyOf(pageIds), scopes, now, now.plus(properties.signupCodeTtl()));
		pending.put(code.code(), code);
		return code;
	}

	/** Single use: the second exchange of a code fails even if it has not expired yet. */
	SignupCode redeem(String code) {
		SignupCode issued = pending.get(code);
		if (issued == null) {
			throw invalidCode(used.containsKey(code) ? "This authorization code has been used."
					: "Invalid verification code format.");
		}
		if (!clock.instant().isBefore(issued.expiresAt())) {
			throw invalidCode("This authorization code has expired.");
		}
		if (!pending.remove(code, issued)) {
			// a concurrent exchange of the same code won
			throw invalidCode("This authorization code has been used.");
		}
		used.put(code, issued);
		return issued;
	}

	public List<SignupCode> pending() {
		return List.copyOf(pending.values());
	}

	private static GraphException invalidCode(String message) {
		return GraphErrors.withMessage(100, message, message);
	}
}

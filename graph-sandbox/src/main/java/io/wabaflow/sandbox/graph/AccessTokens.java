package io.wabaflow.sandbox.graph;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;

/** Issues and resolves access tokens. Business tokens never expire (BISU tokens [T-NOTES]) but can be revoked. */
@Component
public class AccessTokens implements Resettable {

	private final SandboxProperties properties;
	private final SandboxRandom random;
	private final Clock clock;
	private final Map<String, Caller> issued = new ConcurrentHashMap<>();
	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	AccessTokens(SandboxProperties properties, SandboxRandom random, Clock clock) {
		this.properties = properties;
		this.random = random;
		this.clock = clock;
	}

	@Override
	public void reset() {
		issued.clear();
		revoked.clear();
	}

	/**
	 * A business token granting {@code wabaIds}; {@code pageIds}: the pages of the user behind it (null: no user);
	 * {@code scopes}: what debug_token reports of it.
	 */
	public Caller issueBusinessToken(String businessId, Set<String> wabaIds, Set<String> pageIds,
			Caller.Scopes scopes) {
		String token = "EAA" + random.alphanumeric(180);
		Caller caller = new Caller(token, Caller.Kind.BUSINESS, businessId, ordered(wabaIds), clock.instant(),
				random.digits(15), pageIds == null ? null : ordered(pageIds), scopes);
		issued.put(token, caller);
		return caller;
	}

	/** Resolves a token, or throws 190 when it is unknown or was revoked. */
	public Caller resolve(String token) {
		return find(token).orElseThrow(() -> revoked.contains(token) ? GraphErrors.invalidatedToken()
				: GraphErrors.invalidToken());
	}

	public Optional<Caller> find(String token) {
		if (token == null || token.isBlank() || revoked.contains(token)) {
			return Optional.empty();
		}
		if (token.equals(properties.systemUserToken())) {
			return Optional.of(new Caller(token, Caller.Kind.SYSTEM_USER, null, Set.of(), null, "system-user", null,
					null));
		}
		if (token.equals(properties.app().id() + "|" + properties.app().secret())) {
			return Optional.of(new Caller(token, Caller.Kind.APP, null, Set.of(), null, null, null, null));
		}
		return Optional.ofNullable(issued.get(token));
	}

	/** Unmodifiable, in the given order. */
	private static Set<String> ordered(Set<String> ids) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(ids));
	}

	public boolean revoke(String token) {
		return revoked.add(token);
	}

	public List<Caller> issued() {
		return List.copyOf(issued.values());
	}
}

package io.wabaflow.platform.access;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.wabaflow.schemas.access.ApiKey;

/**
 * Every valid API key, as materialised from {@code wabaflow.api-keys.v1}: the latest record per key id,
 * gone after a tombstone. Answers who a presented key is, in constant time for the secret.
 */
public final class KeyRing {

	private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();

	private volatile boolean loaded;

	/** A record of the key topic: a key created or changed, or ({@code key == null}) revoked. */
	public void apply(String keyId, ApiKey key) {
		if (key == null) {
			keys.remove(keyId);
		}
		else {
			keys.put(keyId, key);
		}
	}

	/** Set once the whole topic as it was at start-up has been read. */
	void markLoaded() {
		loaded = true;
	}

	public boolean loaded() {
		return loaded;
	}

	/** The caller behind a presented key, or empty when it is unknown, revoked, expired or malformed. */
	public Optional<Principal> authenticate(String presented, Instant now) {
		if (presented == null || presented.isEmpty() || presented.length() > 512) {
			return Optional.empty();
		}
		String keyId = ApiKeyFormat.keyId(presented);
		ApiKey key = keys.get(keyId);
		if (key == null || !ApiKeyFormat.matches(presented, key.getKeySha256())) {
			return Optional.empty();
		}
		if (key.getExpiresAt() != null && !now.isBefore(key.getExpiresAt())) {
			return Optional.empty();
		}
		return Optional.of(principal(key));
	}

	public Optional<ApiKey> find(String keyId) {
		return Optional.ofNullable(keys.get(keyId));
	}

	public List<ApiKey> all() {
		return keys.values().stream().sorted(Comparator.comparing(ApiKey::getKeyId)).toList();
	}

	static Principal principal(ApiKey key) {
		return new Principal(key.getKeyId(), key.getTenantId(),
				key.getScopes().stream().map(Scope::of).flatMap(Optional::stream).collect(java.util.stream.Collectors.toSet()));
	}
}

package io.wabaflow.platform.access;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wabaflow.api.*}: which paths need a key, and which keys to write to the key topic at start-up.
 *
 * @param protectedPaths servlet URL patterns that need {@code Authorization: Bearer <key>} (each service sets its own)
 * @param seedKeys       keys written to {@code wabaflow.api-keys.v1} at start-up unless already there (tests,
 *                       provisioning); in the {@code dev} profile, when empty, the {@link DevKeys}
 * @param loadTimeout    how long start-up waits for the key topic to be read; requests meanwhile get 503
 */
@ConfigurationProperties("wabaflow.api")
public record AccessProperties(List<String> protectedPaths, List<Seed> seedKeys,
		@DefaultValue("30s") Duration loadTimeout) {

	public AccessProperties {
		protectedPaths = protectedPaths == null ? List.of() : protectedPaths.stream().map(String::strip)
				.filter(path -> !path.isEmpty()).toList();
		seedKeys = seedKeys == null ? List.of() : List.copyOf(seedKeys);
	}

	/**
	 * @param key    the whole key as callers will present it
	 * @param tenant the tenant; empty for an operator key
	 * @param scopes e.g. {@code read,messages:send}
	 */
	public record Seed(String key, String tenant, List<String> scopes, String description) {
	}
}

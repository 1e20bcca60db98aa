package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * The 24 h customer service window, from the sandbox's own record of user messages: only a user's message opens
 * or resets it; API sends, templates, Business-app echoes and synced history never do [SEND], [COEX].
 */
@Component
public class ServiceWindows implements Resettable {

	private final SandboxProperties properties;
	private final Clock clock;
	private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();

	ServiceWindows(SandboxProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void reset() {
		lastInbound.clear();
	}

	void userMessaged(String phoneNumberId, String waId, Instant at) {
		lastInbound.merge(phoneNumberId + "|" + waId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	public Optional<Instant> lastInbound(String phoneNumberId, String waId) {
		return Optional.ofNullable(lastInbound.get(phoneNumberId + "|" + waId));
	}

	/** When the window closes (or closed); empty if the user never wrote. */
	public Optional<Instant> closesAt(String phoneNumberId, String waId) {
		return lastInbound(phoneNumberId, waId).map(at -> at.plus(properties.messaging().serviceWindow()));
	}

	public boolean isOpen(String phoneNumberId, String waId) {
		return closesAt(phoneNumberId, waId).filter(closes -> clock.instant().isBefore(closes)).isPresent();
	}
}

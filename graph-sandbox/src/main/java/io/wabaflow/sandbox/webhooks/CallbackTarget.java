package io.wabaflow.sandbox.webhooks;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * The app's webhook configuration as the App Dashboard holds it: callback URL, verify token, app secret, and
 * whether the callback passed the verification handshake. Starts from configuration; the scenario API may change
 * it at runtime (e.g. once the ingress under test has picked its random port). Reset restores the configuration.
 */
@Component
public class CallbackTarget implements Resettable {

	public record Settings(String callbackUrl, String verifyToken, String appSecret, boolean verified) {
	}

	private final SandboxProperties properties;
	private volatile Settings settings;

	CallbackTarget(SandboxProperties properties) {
		this.properties = properties;
		reset();
	}

	@Override
	public void reset() {
		settings = new Settings(blankToEmpty(properties.callbackUrl()), properties.verifyToken(),
				properties.app().secret(), false);
	}

	public Settings settings() {
		return settings;
	}

	public synchronized Settings update(String callbackUrl, String verifyToken, String appSecret) {
		Settings current = settings;
		boolean urlChanged = callbackUrl != null && !callbackUrl.equals(current.callbackUrl());
		boolean tokenChanged = verifyToken != null && !verifyToken.equals(current.verifyToken());
		settings = new Settings(callbackUrl == null ? current.callbackUrl() : callbackUrl,
				verifyToken == null ? current.verifyToken() : verifyToken,
				appSecret == null ? current.appSecret() : appSecret,
				current.verified() && !urlChanged && !tokenChanged);
		return settings;
	}

	synchronized void markVerified(String callbackUrl, boolean verified) {
		if (settings.callbackUrl().equals(callbackUrl)) {
			settings = new Settings(settings.callbackUrl(), settings.verifyToken(), settings.appSecret(), verified);
		}
	}

	private static String blankToEmpty(String value) {
		return value == null ? "" : value.trim();
	}
}

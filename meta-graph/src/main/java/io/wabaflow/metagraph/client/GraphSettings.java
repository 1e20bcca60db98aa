package io.wabaflow.metagraph.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the client calls the Graph API.
 *
 * @param baseUrl        {@code https://graph.facebook.com}, or the graph-sandbox in development and tests
 * @param version        the Graph API version path segment, e.g. {@code v23.0}
 * @param appId          the Meta app id (token exchange, debug_token)
 * @param appSecret      the Meta app secret; never logged
 * @param requestTimeout the longest a single call may take before it fails as RETRYABLE
 */
public record GraphSettings(URI baseUrl, String version, String appId, String appSecret, Duration requestTimeout) {

	public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

	public static final String DEFAULT_VERSION = "v23.0";

	public GraphSettings {
		Objects.requireNonNull(baseUrl, "baseUrl");
		if (version == null || !version.matches("v\\d+\\.\\d+")) {
			throw new IllegalArgumentException("Graph API version must look like v23.0, not '" + version + "'");
		}
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(20) : requestTimeout;
	}

	URI uri(String pathAndQuery) {
		String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
		return URI.create(base + version + "/" + pathAndQuery);
	}

	@Override
	public String toString() {
		return "GraphSettings[baseUrl=" + baseUrl + ", version=" + version + ", appId=" + appId + ", appSecret=***]";
	}
}

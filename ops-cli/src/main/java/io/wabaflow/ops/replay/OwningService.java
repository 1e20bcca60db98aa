package io.wabaflow.ops.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The service that owns a consumer group, asked over its admin API to hold the group's consumers (stop
 * them on every instance) while ops reset the group's offsets, and to release them after:
 * {@code PUT|DELETE <service>/admin/consumers/<group>/hold}.
 */
final class OwningService {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String baseUrl;

	private final String apiKey;

	OwningService(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl.replaceAll("/+$", "");
		this.apiKey = apiKey;
	}

	void hold(String group) {
		call("PUT", group);
	}

	void release(String group) {
		call("DELETE", group);
	}

	private void call(String method, String group) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/consumers/"
				+ URLEncoder.encode(group, StandardCharsets.UTF_8) + "/hold")).timeout(Duration.ofSeconds(30))
				.method(method, HttpRequest.BodyPublishers.noBody());
		if (apiKey != null && !apiKey.isBlank()) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot reach " + baseUrl + " to " + describe(method) + ": " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
		if (response.statusCode() / 100 != 2) {
			String why = switch (response.statusCode()) {
				case 401 -> "it refused the API key (--api-key / WABAFLOW_API_KEY)";
				case 404 -> "it does not own group " + group;
				default -> "HTTP " + response.statusCode();
			};
			throw new IllegalStateException(baseUrl + " did not " + describe(method) + ": " + why);
		}
	}

	private static String describe(String method) {
		return "PUT".equals(method) ? "hold the group's consumers" : "release the group's consumers";
	}
}

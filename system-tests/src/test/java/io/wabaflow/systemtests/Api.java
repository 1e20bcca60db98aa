package io.wabaflow.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The services' HTTP APIs as a caller uses them: JSON, {@code Authorization: Bearer <API key>}. */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** An answer: its status and its body ({@code {}} when empty). */
	record Answer(int status, JsonNode body) {
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String apiKey;

	Api(String apiKey) {
		this.apiKey = apiKey;
	}

	Answer get(String url) {
		return send(request(url).GET());
	}

	/** The body of a 200 answer; anything else fails with the answer. */
	JsonNode read(String url) {
		Answer answer = get(url);
		if (answer.status() != 200) {
			throw new IllegalStateException("GET " + url + " answered " + answer.status() + ": " + answer.body());
		}
		return answer.body();
	}

	Answer post(String url, String json) {
		return send(request(url).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** With {@code Prefer: <prefer>}, e.g. {@code wait=20}: the ingress answers with the worker's outcome. */
	Answer post(String url, String json, String prefer) {
		return send(request(url).header("Content-Type", "application/json").header("Prefer", prefer)
				.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + apiKey);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String body = response.body() == null || response.body().isBlank() ? "{}" : response.body();
			return new Answer(response.statusCode(), JSON.readTree(body));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

package io.wabaflow.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.JsonNode;

/** A bare Graph API caller over real HTTP, as a client would call Meta: bearer token, JSON or form bodies. */
final class Graph {

	record Response(int status, JsonNode body) {

		int errorCode() {
			return body.path("error").path("code").asInt(-1);
		}
	}

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String graphUrl;
	private final String token;

	Graph(String graphUrl, String token) {
		this.graphUrl = graphUrl;
		this.token = token;
	}

	Graph as(String otherToken) {
		return new Graph(graphUrl, otherToken);
	}

	Response get(String pathAndQuery) {
		return send(request(pathAndQuery).GET());
	}

	Response post(String path, Object json) {
		return send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json instanceof String text ? text : Json.write(json))));
	}

	Response postForm(String path, String form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	Response delete(String path) {
		return send(request(path).DELETE());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(graphUrl + path))
				.timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private static Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = HTTP.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(),
					response.body().isBlank() ? Json.object() : Json.MAPPER.readTree(response.body()));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

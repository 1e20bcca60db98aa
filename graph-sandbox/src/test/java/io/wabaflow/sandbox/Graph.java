package io.wabaflow.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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

	/** {@code POST /{phone}/media} as Meta documents it: multipart messaging_product, type and file. */
	Response upload(String phoneNumberId, String type, String filename, byte[] bytes) {
		return uploadForm(phoneNumberId, Map.of("messaging_product", "whatsapp", "type", type), filename, bytes);
	}

	/** Any multipart upload: these fields, then {@code file} when {@code filename} is not null. */
	Response uploadForm(String phoneNumberId, Map<String, String> fields, String filename, byte[] bytes) {
		String boundary = "----sandbox-it-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		if (filename != null) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\nContent-Type: " + fields.getOrDefault("type", "application/octet-stream") + "\r\n\r\n");
			body.writeBytes(bytes);
			write(body, "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return send(request("/" + phoneNumberId + "/media")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	record Download(int status, String contentType, long contentLength, byte[] bytes) {
	}

	/** {@code GET <media url>} with this caller's token (none when it has none), as a client downloads. */
	Download download(String url) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValueAsLong("Content-Length").orElse(-1), response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
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

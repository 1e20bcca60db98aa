package io.wabaflow.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.webhooks.WebhookSignature;
import tools.jackson.databind.JsonNode;

/**
 * A tiny real webhook endpoint for tests (JDK {@code HttpServer}, free port): answers the verification handshake,
 * records every POST with its headers and raw body, checks {@code X-Hub-Signature-256} against the app secret,
 * and can be told to fail the next N posts (to watch retries).
 */
public final class WebhookRecorder implements AutoCloseable {

	/** One received POST. {@code field} is the first change's field; {@code payload} the parsed body. */
	public record Received(int sequence, Map<String, String> headers, byte[] rawBody, String body,
			boolean signatureValid, String field, JsonNode payload, int answeredWith) {

		/** {@code entry[0].changes[0].value}. */
		public JsonNode value() {
			return payload.path("entry").path(0).path("changes").path(0).path("value");
		}
	}

	private final HttpServer server;
	private final String appSecret;
	private final String verifyToken;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private final AtomicInteger failNext = new AtomicInteger();
	private volatile int failStatus = 500;
	private final AtomicInteger sequence = new AtomicInteger();

	private WebhookRecorder(String appSecret, String verifyToken) throws IOException {
		this.appSecret = appSecret;
		this.verifyToken = verifyToken;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/webhooks", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(4, task -> {
			Thread thread = new Thread(task, "webhook-recorder");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
	}

	public static WebhookRecorder start(String appSecret, String verifyToken) {
		try {
			return new WebhookRecorder(appSecret, verifyToken);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@code http://127.0.0.1:<port>/webhooks} */
	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
	}

	/** The next {@code count} POSTs are answered with {@code status} (and not counted as accepted). */
	public void failNext(int count, int status) {
		failStatus = status;
		failNext.set(count);
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	/** Accepted (2xx-answered) POSTs of one field, in arrival order. */
	public List<Received> accepted(String field) {
		List<Received> out = new ArrayList<>();
		for (Received r : received) {
			if (r.answeredWith() / 100 == 2 && (field == null || field.equals(r.field()))) {
				out.add(r);
			}
		}
		return out;
	}

	public void clear() {
		received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestMethod().equals("GET")) {
				verification(exchange);
				return;
			}
			byte[] raw = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			boolean valid = WebhookSignature.verify(appSecret, raw,
					headers.get(WebhookSignature.HEADER.toLowerCase()));
			String body = new String(raw, StandardCharsets.UTF_8);
			JsonNode payload = Json.MAPPER.readTree(body);
			String field = payload.path("entry").path(0).path("changes").path(0).path("field").asString("");
			int status = failNext.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0 ? failStatus : valid ? 200 : 403;
			received.add(new Received(sequence.incrementAndGet(), headers, raw, body, valid, field, payload, status));
			exchange.sendResponseHeaders(status, -1);
		}
	}

	private void verification(HttpExchange exchange) throws IOException {
		Map<String, String> query = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		boolean ok = "subscribe".equals(query.get("hub.mode")) && verifyToken.equals(query.get("hub.verify_token"));
		byte[] answer = (ok ? query.getOrDefault("hub.challenge", "") : "forbidden").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(ok ? 200 : 403, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}

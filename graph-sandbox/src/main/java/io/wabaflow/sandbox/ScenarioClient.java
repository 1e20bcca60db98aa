package io.wabaflow.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.JsonNode;

/**
 * The scenario API ({@code /sandbox/...}) over real HTTP: generic {@link #get}/{@link #post}/... plus shortcuts
 * for what tests do most. Any non-2xx answer throws {@link ScenarioException}. Works against an embedded sandbox
 * ({@link GraphSandbox#scenario()}) or a running one ({@code new ScenarioClient("http://localhost:8090")}).
 */
public final class ScenarioClient {

	/** A scenario call the sandbox refused. */
	public static final class ScenarioException extends RuntimeException {

		private final int status;

		ScenarioException(String method, String path, int status, String body) {
			super(method + " " + path + " → " + status + ": " + body);
			this.status = status;
		}

		public int status() {
			return status;
		}
	}

	private final String baseUrl;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	public ScenarioClient(String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	// generic calls; paths are relative to /sandbox, e.g. "/businesses"

	public JsonNode get(String path) {
		return send("GET", path, null);
	}

	public JsonNode post(String path, Object body) {
		return send("POST", path, body);
	}

	public JsonNode put(String path, Object body) {
		return send("PUT", path, body);
	}

	public JsonNode patch(String path, Object body) {
		return send("PATCH", path, body);
	}

	public JsonNode delete(String path) {
		return send("DELETE", path, null);
	}

	// the world

	public void reset() {
		post("/reset", Map.of());
	}

	public void reset(long seed) {
		post("/reset", Map.of("seed", seed));
	}

	public String partnerBusinessId() {
		return get("/state").path("partnerBusinessId").asString();
	}

	public String createBusiness(String name) {
		return post("/businesses", Map.of("name", name)).path("id").asString();
	}

	/** A WABA owned by the business, shared with the partner; {@code subscribed}: our app already subscribed. */
	public String createWaba(String businessId, boolean subscribed) {
		return post("/wabas", Map.of("businessId", businessId, "subscribed", subscribed)).path("id").asString();
	}

	public String createCloudNumber(String wabaId, String displayPhoneNumber, boolean registered) {
		return post("/phone-numbers", Map.of("wabaId", wabaId, "displayPhoneNumber", displayPhoneNumber, "type",
				"cloud", "registered", registered)).path("id").asString();
	}

	public String createCoexistenceNumber(String wabaId, String displayPhoneNumber) {
		return post("/phone-numbers", Map.of("wabaId", wabaId, "displayPhoneNumber", displayPhoneNumber, "type",
				"coexistence")).path("id").asString();
	}

	/** A Facebook page owned by the business; the user who signs up for the business has it by default. */
	public String createPage(String businessId, String name) {
		return post("/pages", Map.of("businessId", businessId, "name", name)).path("id").asString();
	}

	/** An Embedded Signup code for the business (30 s, single use), granting all its WABAs and pages. */
	public String signupCode(String businessId) {
		return post("/signup-codes", Map.of("businessId", businessId)).path("code").asString();
	}

	/** A business token for all the business's WABAs, without the code exchange. */
	public String businessToken(String businessId) {
		return post("/tokens", Map.of("businessId", businessId)).path("access_token").asString();
	}

	/** Which creation strategy (2A-2E, NONE) succeeds for the business (null: all), visible after N polls. */
	public void wabaCreation(String businessId, String strategy, int visibleAfterPolls) {
		Map<String, Object> plan = new LinkedHashMap<>();
		plan.put("businessId", businessId);
		plan.put("strategy", strategy);
		plan.put("visibleAfterPolls", visibleAfterPolls);
		put("/waba-creation", plan);
	}

	// events and trouble

	/** A user's text message to the business number; returns its wamid. */
	public String injectText(String phoneNumberId, String from, String text) {
		return post("/inbound", Map.of("phoneNumberId", phoneNumberId, "from", from, "text", text)).path("wamid")
				.asString();
	}

	/** What an injected message was, and the business-scoped user id of its user. */
	public record Injected(String wamid, String userId) {
	}

	/**
	 * A text from a user with a WhatsApp username whose phone the webhook leaves out (no wa_id, no from: only the
	 * BSUID, facts §2.0). {@code from} is the user's phone, which only the sandbox knows.
	 */
	public Injected injectTextFromUsernameUser(String phoneNumberId, String from, String username, String text) {
		JsonNode injected = post("/inbound", Map.of("phoneNumberId", phoneNumberId, "from", from, "text", text,
				"username", username, "phoneHidden", true));
		return new Injected(injected.path("wamid").asString(), injected.path("userId").asString());
	}

	/** The next {@code times} calls of {@code operation} (e.g. "messages", "register") fail with {@code code}. */
	public String injectError(String operation, int code, int times) {
		return post("/errors", Map.of("operation", operation, "code", code, "times", times)).path("id").asString();
	}

	public void duplicateNext(int count) {
		post("/delivery-chaos", Map.of("effect", "duplicate", "count", count));
	}

	public void reorderNext(int count) {
		post("/delivery-chaos", Map.of("effect", "reorder", "count", count));
	}

	public void delayNext(int count, Duration delay) {
		post("/delivery-chaos", Map.of("effect", "delay", "count", count, "delayMs", delay.toMillis()));
	}

	public void advanceClock(Duration by) {
		post("/clock/advance", Map.of("duration", by.toString()));
	}

	public void callbackUrl(String url) {
		put("/webhook-config", Map.of("callbackUrl", url));
	}

	// media

	/** A file in Meta's media library, as the scenario made it. */
	public record Media(String id, String sha256, String mimeType, long fileSize) {
	}

	/** A user's media message: its wamid, and the file it carries (with the download URL its webhook held). */
	public record InjectedMedia(String wamid, String mediaId, String sha256, String mimeType, long fileSize,
			String url) {
	}

	/** A media id of the number's business holding exactly {@code bytes}. */
	public Media createMedia(String phoneNumberId, String mimeType, byte[] bytes) {
		return media(post("/media", Map.of("phoneNumberId", phoneNumberId, "mimeType", mimeType, "bytes", bytes)));
	}

	/** A media id of {@code size} generated bytes (the same for the same seed and calls). */
	public Media createMedia(String phoneNumberId, String mimeType, int size) {
		return media(post("/media", Map.of("phoneNumberId", phoneNumberId, "mimeType", mimeType, "size", size)));
	}

	/** The exact bytes Meta holds for a media id. */
	public byte[] mediaBytes(String mediaId) {
		return exchange("GET", "/media/" + encode(mediaId) + "/bytes", null).body();
	}

	/** Meta no longer has the media id (GET answers 100 with subcode 33, its URLs 404). */
	public void forgetMedia(String mediaId) {
		delete("/media/" + encode(mediaId));
	}

	/**
	 * A user's media message of {@code type} (image, audio, document, video, sticker) with a new file; {@code fields}
	 * may add {@code caption}, {@code filename}, {@code voice}, {@code animated}, {@code mimeType}, {@code size},
	 * {@code bytes}, {@code mediaId} (an existing file), {@code name}, {@code contextMessageId}.
	 */
	public InjectedMedia injectMedia(String phoneNumberId, String from, String type, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("phoneNumberId", phoneNumberId);
		body.put("from", from);
		body.put("type", type);
		JsonNode received = post("/inbound/media", body);
		return new InjectedMedia(received.path("wamid").asString(), received.path("mediaId").asString(),
				received.path("sha256").asString(), received.path("mimeType").asString(),
				received.path("fileSize").asLong(), received.path("url").asString());
	}

	public InjectedMedia injectImage(String phoneNumberId, String from, String caption) {
		return injectMedia(phoneNumberId, from, "image", Map.of("caption", caption));
	}

	/** A voice note: {@code audio/ogg; codecs=opus} with {@code "voice":true}. */
	public InjectedMedia injectVoiceNote(String phoneNumberId, String from) {
		return injectMedia(phoneNumberId, from, "audio", Map.of("voice", true));
	}

	public InjectedMedia injectDocument(String phoneNumberId, String from, String filename) {
		return injectMedia(phoneNumberId, from, "document", Map.of("filename", filename));
	}

	/** Downloads of the number's media wait {@code firstByteDelay}, then come at {@code bytesPerSecond} (0: fast). */
	public void slowDownloads(String phoneNumberId, Duration firstByteDelay, long bytesPerSecond) {
		post("/slow-downloads", Map.of("phoneNumberId", phoneNumberId, "firstByteDelayMs", firstByteDelay.toMillis(),
				"bytesPerSecond", bytesPerSecond));
	}

	/** As {@link #slowDownloads}, for one media id. */
	public void slowMediaDownload(String mediaId, Duration firstByteDelay, long bytesPerSecond) {
		post("/slow-downloads", Map.of("mediaId", mediaId, "firstByteDelayMs", firstByteDelay.toMillis(),
				"bytesPerSecond", bytesPerSecond));
	}

	/** The next {@code count} media URLs handed out are expired already. */
	public void expireNextMediaUrls(int count) {
		post("/expired-media-urls", Map.of("count", count));
	}

	private static Media media(JsonNode created) {
		return new Media(created.path("id").asString(), created.path("sha256").asString(),
				created.path("mimeType").asString(), created.path("fileSize").asLong());
	}

	// what happened

	public JsonNode deliveries(String field) {
		return get("/deliveries" + (field == null ? "" : "?field=" + encode(field)));
	}

	public JsonNode sentMessages(String phoneNumberId) {
		return get("/messages" + (phoneNumberId == null ? "" : "?phoneNumberId=" + encode(phoneNumberId)));
	}

	public JsonNode calls(String operation) {
		return get("/calls" + (operation == null ? "" : "?operation=" + encode(operation)));
	}

	private JsonNode send(String method, String path, Object body) {
		HttpResponse<byte[]> response = exchange(method, path, body);
		String text = new String(response.body(), StandardCharsets.UTF_8);
		return text.isBlank() ? Json.object() : Json.MAPPER.readTree(text);
	}

	private HttpResponse<byte[]> exchange(String method, String path, Object body) {
		String fullPath = "/sandbox" + (path.startsWith("/") ? path : "/" + path);
		HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + fullPath)).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json").method(method, publisher).build();
		HttpResponse<byte[]> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new IllegalStateException(method + " " + fullPath + " failed: " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
		if (response.statusCode() / 100 != 2) {
			throw new ScenarioException(method, fullPath, response.statusCode(),
					new String(response.body(), StandardCharsets.UTF_8));
		}
		return response;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

package io.wabaflow.metagraph.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.wabaflow.metagraph.client.GraphModel.AccessToken;
import io.wabaflow.metagraph.client.GraphModel.DebugToken;
import io.wabaflow.metagraph.client.GraphModel.DownloadedMedia;
import io.wabaflow.metagraph.client.GraphModel.GranularScope;
import io.wabaflow.metagraph.client.GraphModel.MediaInfo;
import io.wabaflow.metagraph.client.GraphModel.Page;
import io.wabaflow.metagraph.client.GraphModel.PhoneNumber;
import io.wabaflow.metagraph.client.GraphModel.SentMessage;
import io.wabaflow.metagraph.client.GraphModel.SmbSyncType;
import io.wabaflow.metagraph.client.GraphModel.Waba;
import io.wabaflow.metagraph.client.GraphModel.WabaCreationCall;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed, asynchronous Graph API client shared by the workers. Every call returns at once with a
 * future, so a worker can keep many calls in flight (the sender pipelines a number's messages) without a
 * thread per call; a failed future holds a {@link GraphApiException} with the one error classification.
 * Tokens go in the {@code Authorization} header and never into messages or logs. Thread-safe.
 */
public final class GraphClient {

	private static final int MAX_PAGES = 50;

	private final GraphSettings settings;

	private final HttpClient http;

	private final ObjectMapper json = JsonMapper.builder().build();

	public GraphClient(GraphSettings settings, HttpClient http) {
		this.settings = settings;
		this.http = http;
	}

	public static GraphClient create(GraphSettings settings) {
		return new GraphClient(settings, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(settings.requestTimeout()).build());
	}

	public GraphSettings settings() {
		return settings;
	}

	/** Exchanges an Embedded Signup code (valid 30 s, single use) for the business token. */
	public CompletableFuture<AccessToken> exchangeCode(String code) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("client_id", settings.appId());
		query.put("client_secret", settings.appSecret());
		query.put("code", code);
		return send("exchange code for token", get("oauth/access_token", query), null)
				.thenApply(body -> new AccessToken(body.path("access_token").asString(null),
						body.path("token_type").asString("bearer")));
	}

	/** What a token grants; inspected with the app's own token ({@code APP_ID|APP_SECRET}). */
	public CompletableFuture<DebugToken> debugToken(String inputToken) {
		return send("debug_token", get("debug_token", Map.of("input_token", inputToken)),
				settings.appId() + "|" + settings.appSecret()).thenApply(body -> {
					JsonNode data = body.path("data");
					List<GranularScope> scopes = new ArrayList<>();
					for (JsonNode scope : data.path("granular_scopes")) {
						List<String> targets = new ArrayList<>();
						scope.path("target_ids").forEach(id -> targets.add(id.asString()));
						scopes.add(new GranularScope(scope.path("scope").asString(null), targets));
					}
					return new DebugToken(data.path("app_id").asString(null), data.path("is_valid").asBoolean(true), scopes);
				});
	}

	public CompletableFuture<List<Waba>> ownedWabas(String businessId, String token) {
		return wabas(businessId + "/owned_whatsapp_business_accounts", token);
	}

	public CompletableFuture<List<Waba>> clientWabas(String businessId, String token) {
		return wabas(businessId + "/client_whatsapp_business_accounts", token);
	}

	/**
	 * A WABA if the token can see it. Meta answers an id it does not know, or one not shared with the app,
	 * with error 100: that is "not visible (yet)", an empty result, not a failure.
	 */
	public CompletableFuture<Optional<Waba>> waba(String wabaId, String token) {
		return send("get WABA", get(wabaId, Map.of("fields", "id,name,ownership_type")), token)
				.thenApply(body -> Optional.of(waba(body)))
				.exceptionally(failure -> {
					GraphApiException graph = unwrap(failure);
					if (graph != null && Integer.valueOf(100).equals(graph.code())) {
						return Optional.empty();
					}
					throw failure instanceof CompletionException c ? c : new CompletionException(failure);
				});
	}

	/**
	 * The pages of the user the token belongs to, with the business owning each ({@code GET /me/accounts}).
	 * A token that has no user (a system user's) gets Graph error 100: the caller treats that as "no pages".
	 */
	public CompletableFuture<List<Page>> userPages(String token) {
		return pages("list user pages", "me/accounts", Map.of("fields", "id,name,business"), token)
				.thenApply(items -> items.stream().map(page -> new Page(page.path("id").asString(null),
						page.path("name").asString(null), page.path("business").path("id").asString(null))).toList());
	}

	/**
	 * One WABA creation call of seed 001 (strategies 2A-2D), with the seed's bodies. Answers the id in Meta's
	 * answer ({@code {"id": ...}}), which only polling can confirm to be a visible WABA; null if there was none.
	 *
	 * @param name      the new WABA's (or, for 2C, the application's) name
	 * @param namespace 2C only: the application namespace (seed: {@code whatsapp_<timestamp>}); ignored otherwise
	 */
	public CompletableFuture<String> createWaba(WabaCreationCall call, String businessId, String name, String namespace,
			String token) {
		ObjectNode body = json.createObjectNode();
		String path;
		switch (call) {
			case CLIENT_WHATSAPP_APPLICATIONS -> {
				path = businessId + "/client_whatsapp_applications";
				body.put("app_name", name);
				body.putObject("waba_creation_request").put("business_manager_id", businessId)
						.put("category", "BUSINESS_TO_CUSTOMER");
			}
			case BUSINESS_WHATSAPP_BUSINESS_ACCOUNTS -> {
				path = businessId + "/whatsapp_business_accounts";
				body.put("name", name).put("category", "BUSINESS_TO_CUSTOMER");
			}
			case APPLICATIONS -> {
				path = businessId + "/applications";
				body.put("name", name).put("namespace", namespace).put("category", "BUSINESS");
			}
			case WHATSAPP_BUSINESS_ACCOUNTS -> {
				path = "whatsapp_business_accounts";
				body.put("business_manager_id", businessId).put("name", name).put("category", "BUSINESS_TO_CUSTOMER");
			}
			default -> throw new IllegalArgumentException("Unknown creation call " + call);
		}
		return send("create WABA (" + call.strategy() + ")", post(path, body), token)
				.thenApply(answer -> answer.path("id").asString(null));
	}

	public CompletableFuture<List<PhoneNumber>> phoneNumbers(String wabaId, String token) {
		return pages("list phone numbers", wabaId + "/phone_numbers",
				Map.of("fields", "id,display_phone_number,verified_name,platform_type,code_verification_status"), token)
				.thenApply(items -> items.stream().map(GraphClient::phoneNumber).toList());
	}

	public CompletableFuture<PhoneNumber> phoneNumber(String phoneNumberId, String token) {
		return send("get phone number", get(phoneNumberId, Map.of("fields",
				"id,display_phone_number,verified_name,platform_type,code_verification_status,is_on_biz_app")), token)
				.thenApply(GraphClient::phoneNumber);
	}

	/**
	 * The number's throughput tier ({@code GET /<id>?fields=throughput}: {@code STANDARD} 80 messages/s,
	 * {@code HIGH} 1,000, {@code NOT_APPLICABLE} before registration), or null when Meta names none.
	 */
	public CompletableFuture<String> throughputLevel(String phoneNumberId, String token) {
		return send("get throughput", get(phoneNumberId, Map.of("fields", "throughput")), token)
				.thenApply(body -> body.path("throughput").path("level").asString(null));
	}

	/** Registers a number for Cloud API with the 6-digit two-step PIN (not for coexistence numbers). */
	public CompletableFuture<Void> register(String phoneNumberId, String pin, String token) {
		ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("pin", pin);
		return send("register phone number", post(phoneNumberId + "/register", body), token).thenApply(ignored -> null);
	}

	/** Subscribes the app to the WABA's webhooks. */
	public CompletableFuture<Void> subscribeApp(String wabaId, String token) {
		return send("subscribe app to WABA", post(wabaId + "/subscribed_apps", json.createObjectNode()), token)
				.thenApply(ignored -> null);
	}

	/** Removes the app's subscription to the WABA's webhooks ({@code DELETE /<waba_id>/subscribed_apps}). */
	public CompletableFuture<Void> unsubscribeApp(String wabaId, String token) {
		return send("unsubscribe app from WABA", get(wabaId + "/subscribed_apps", Map.of()).DELETE(), token)
				.thenApply(ignored -> null);
	}

	/** Deregisters a Cloud API number ({@code POST /<phone_number_id>/deregister}); not for coexistence numbers. */
	public CompletableFuture<Void> deregister(String phoneNumberId, String token) {
		return send("deregister phone number", post(phoneNumberId + "/deregister", json.createObjectNode()), token)
				.thenApply(ignored -> null);
	}

	/** Asks Meta to share a coexistence number's contacts or history; answers Meta's request id. */
	public CompletableFuture<String> requestSmbAppData(String phoneNumberId, SmbSyncType type, String token) {
		ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("sync_type", type.metaName());
		return send("request " + type.metaName(), post(phoneNumberId + "/smb_app_data", body), token)
				.thenApply(answer -> answer.path("request_id").asString(null));
	}

	/** Sends one message; {@code message} is the complete request body in Meta's shape. */
	public CompletableFuture<SentMessage> sendMessage(String phoneNumberId, JsonNode message, String token) {
		return send("send message", post(phoneNumberId + "/messages", message), token).thenApply(answer -> {
			JsonNode contact = answer.path("contacts").path(0);
			JsonNode sent = answer.path("messages").path(0);
			return new SentMessage(sent.path("id").asString(null), contact.path("wa_id").asString(null),
					contact.path("input").asString(null), sent.path("message_status").asString(null));
		});
	}

	/** Every message template of a WABA, all pages. */
	public CompletableFuture<List<GraphModel.MessageTemplate>> messageTemplates(String wabaId, String token) {
		return pages("list message templates", wabaId + "/message_templates",
				Map.of("fields", "id,name,language,status,category,components,quality_score", "limit", "100"), token)
				.thenApply(items -> items.stream().map(item -> new GraphModel.MessageTemplate(
						item.path("id").asString(null), item.path("name").asString(null),
						item.path("language").asString(null), item.path("status").asString(null),
						item.path("category").asString(null), item.path("quality_score").path("score").asString(null),
						item.path("components").isArray() ? item.path("components").toString() : "[]")).toList());
	}

	/**
	 * Submits a template for review; {@code template} is Meta's creation body ({@code name}, {@code language},
	 * {@code category}, {@code components}).
	 */
	public CompletableFuture<GraphModel.CreatedTemplate> createMessageTemplate(String wabaId, JsonNode template,
			String token) {
		return send("create message template", post(wabaId + "/message_templates", template), token)
				.thenApply(answer -> new GraphModel.CreatedTemplate(answer.path("id").asString(null),
						answer.path("status").asString(null), answer.path("category").asString(null)));
	}

	/** Deletes a template by name: every language of it (Meta's {@code DELETE ?name=}). */
	public CompletableFuture<Void> deleteMessageTemplate(String wabaId, String name, String token) {
		return send("delete message template", get(wabaId + "/message_templates", Map.of("name", name)).DELETE(), token)
				.thenApply(ignored -> null);
	}

	/** What Meta holds for a media id: a fresh download URL (valid 5 minutes), MIME type, SHA-256 and size. */
	public CompletableFuture<MediaInfo> mediaInfo(String mediaId, String token) {
		return send("get media", get(mediaId, Map.of()), token).thenApply(body -> new MediaInfo(
				body.path("url").asString(null), body.path("mime_type").asString(null),
				body.path("sha256").asString(null), longValue(body.get("file_size")), body.path("id").asString(null)));
	}

	/**
	 * Opens a media URL ({@link #mediaInfo}'s, or a webhook's) with the token: the future completes when the bytes
	 * start to arrive, with a stream to read on a thread of the caller's (never whole in memory). A 404 (the URL
	 * expired) fails with {@link MediaUrlExpiredException}; a 401 is AUTH; a Graph error body is classified as any.
	 */
	public CompletableFuture<MediaStream> downloadMedia(String url, String token) {
		return download(url, token, info -> BodySubscribers.mapping(BodySubscribers.ofInputStream(),
				body -> new MediaStream(body, contentType(info), info.headers().firstValueAsLong("Content-Length")
						.orElse(-1))));
	}

	/**
	 * Downloads a media URL into {@code target} (created or overwritten; deleted again if the download breaks off),
	 * computing the SHA-256 on the way: compare it with {@link DownloadedMedia#matches}. Failures as
	 * {@link #downloadMedia(String, String)}.
	 */
	public CompletableFuture<DownloadedMedia> downloadMedia(String url, String token, Path target) {
		return download(url, token, info -> new DigestingFileBody(target, contentType(info)));
	}

	/**
	 * Uploads a file for sending ({@code POST /<phone>/media}, multipart); answers the media id. Check the file with
	 * {@link io.wabaflow.metagraph.message.MediaLimits} first: Meta refuses other types and larger files with 100.
	 */
	public CompletableFuture<String> uploadMedia(String phoneNumberId, String mimeType, String filename, byte[] content,
			String token) {
		return upload(phoneNumberId, mimeType, filename, BodyPublishers.ofByteArray(content), token);
	}

	/** As {@link #uploadMedia(String, String, String, byte[], String)}, read from a file as it is sent. */
	public CompletableFuture<String> uploadMedia(String phoneNumberId, String mimeType, String filename, Path file,
			String token) {
		try {
			return upload(phoneNumberId, mimeType, filename, BodyPublishers.ofFile(file), token);
		}
		catch (FileNotFoundException e) {
			return CompletableFuture.failedFuture(e);
		}
	}

	/** Deletes an uploaded media id ({@code DELETE /<media-id>}). */
	public CompletableFuture<Void> deleteMedia(String mediaId, String token) {
		return send("delete media", get(mediaId, Map.of()).DELETE(), token).thenApply(ignored -> null);
	}

	/** Any GET (for calls without a typed method yet, e.g. a creation strategy's look-up). */
	public CompletableFuture<JsonNode> get(String operation, String path, Map<String, String> query, String token) {
		return send(operation, get(path, query), token);
	}

	/** Any POST with a JSON body. */
	public CompletableFuture<JsonNode> post(String operation, String path, JsonNode body, String token) {
		return send(operation, post(path, body), token);
	}

	/** The {@link GraphApiException} inside a future's failure, or null when it is something else. */
	public static GraphApiException unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof GraphApiException graph) {
				return graph;
			}
			cause = cause.getCause();
		}
		return null;
	}

	private CompletableFuture<List<Waba>> wabas(String path, String token) {
		return pages("list WABAs", path, Map.of("fields", "id,name,ownership_type"), token)
				.thenApply(items -> items.stream().map(GraphClient::waba).toList());
	}

	/** Follows {@code paging.cursors.after} (never {@code paging.next}, whose URL carries the token). */
	private CompletableFuture<List<JsonNode>> pages(String operation, String path, Map<String, String> query, String token) {
		return page(operation, path, query, token, null, new ArrayList<>(), 0);
	}

	private CompletableFuture<List<JsonNode>> page(String operation, String path, Map<String, String> query, String token,
			String after, List<JsonNode> items, int pageNumber) {
		Map<String, String> pageQuery = new LinkedHashMap<>(query);
		if (after != null) {
			pageQuery.put("after", after);
		}
		return send(operation, get(path, pageQuery), token).thenCompose(body -> {
			body.path("data").forEach(items::add);
			String next = body.path("paging").path("cursors").path("after").asString(null);
			boolean more = next != null && !body.path("paging").path("next").isMissingNode() && body.path("data").size() > 0;
			if (!more || pageNumber + 1 >= MAX_PAGES) {
				return CompletableFuture.completedFuture(items);
			}
			return page(operation, path, query, token, next, items, pageNumber + 1);
		});
	}

	private CompletableFuture<String> upload(String phoneNumberId, String mimeType, String filename,
			BodyPublisher file, String token) {
		MultipartBody body = MultipartBody.of(Map.of("messaging_product", "whatsapp", "type", mimeType), "file",
				filename, mimeType, file);
		return send("upload media", HttpRequest.newBuilder(settings.uri(phoneNumberId + "/media"))
				.header("Content-Type", body.contentType()).POST(body.publisher()), token)
				.thenApply(answer -> answer.path("id").asString(null));
	}

	/**
	 * A download: the body goes to {@code onSuccess}'s subscriber on a 2xx, else it is read whole (it is small) and
	 * becomes the failure. The token is sent only over https, or to the Graph API's own host (the sandbox).
	 */
	private <T> CompletableFuture<T> download(String url, String token,
			Function<HttpResponse.ResponseInfo, BodySubscriber<T>> onSuccess) {
		String operation = "download media";
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException | NullPointerException e) {
			return CompletableFuture.failedFuture(new IllegalArgumentException("not a media URL"));
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !Objects.equals(uri.getHost(), settings.baseUrl().getHost())) {
			return CompletableFuture.failedFuture(new IllegalArgumentException(
					"a media URL must be https (or on the Graph API's host), not " + uri.getScheme() + "://" + uri.getHost()));
		}
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
				.header("Authorization", "Bearer " + token).GET().build();
		HttpResponse.BodyHandler<DownloadAnswer<T>> handler = info -> info.statusCode() / 100 == 2
				? BodySubscribers.mapping(onSuccess.apply(info), DownloadAnswer::<T>of)
				: BodySubscribers.mapping(BodySubscribers.ofByteArray(), DownloadAnswer::<T>refused);
		return http.sendAsync(request, handler)
				.handle((response, failure) -> {
					if (failure != null) {
						throw unreachable(operation, failure);
					}
					DownloadAnswer<T> answer = response.body();
					if (answer.refusal() == null) {
						return answer.value();
					}
					if (response.statusCode() == 404) {
						throw new MediaUrlExpiredException(operation, 404);
					}
					throw failure(operation, response.statusCode(), json(answer.refusal()));
				});
	}

	/** What a download came to: the value, or the body of a refusal. */
	private record DownloadAnswer<T>(T value, byte[] refusal) {

		static <T> DownloadAnswer<T> of(T value) {
			return new DownloadAnswer<>(value, null);
		}

		static <T> DownloadAnswer<T> refused(byte[] body) {
			return new DownloadAnswer<>(null, body);
		}
	}

	private static String contentType(HttpResponse.ResponseInfo info) {
		return info.headers().firstValue("Content-Type").orElse(null);
	}

	private HttpRequest.Builder get(String path, Map<String, String> query) {
		String encoded = query.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(settings.uri(encoded.isEmpty() ? path : path + "?" + encoded)).GET();
	}

	private HttpRequest.Builder post(String path, JsonNode body) {
		return HttpRequest.newBuilder(settings.uri(path)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
	}

	private CompletableFuture<JsonNode> send(String operation, HttpRequest.Builder request, String token) {
		request.timeout(settings.requestTimeout()).header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
				.handle((response, failure) -> {
					if (failure != null) {
						throw unreachable(operation, failure);
					}
					return parse(operation, response);
				});
	}

	/** No answer at all (timeout, connection refused): HTTP status 0, RETRYABLE. */
	private GraphApiException unreachable(String operation, Throwable failure) {
		Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
		String what = cause instanceof HttpTimeoutException ? "timed out after " + settings.requestTimeout()
				: cause instanceof IOException ? "connection failed: " + cause.getClass().getSimpleName()
						: cause.toString();
		return new GraphApiException(operation, GraphError.unreachable(what), cause);
	}

	private JsonNode parse(String operation, HttpResponse<byte[]> response) {
		JsonNode body = json(response.body());
		if (response.statusCode() / 100 == 2 && body != null && !body.has("error")) {
			return body;
		}
		throw failure(operation, response.statusCode(), body);
	}

	/** The body as JSON; null when it is not JSON. */
	private JsonNode json(byte[] body) {
		try {
			return body.length == 0 ? json.createObjectNode() : json.readTree(body);
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

	/** Meta's error in {@code body}, or (without one) an error that only has the HTTP status to classify it by. */
	private static GraphApiException failure(String operation, int httpStatus, JsonNode body) {
		JsonNode error = body == null ? null : body.path("error");
		if (error == null || error.isMissingNode()) {
			return new GraphApiException(operation, new GraphError(null, null, null,
					"HTTP " + httpStatus + " without a Graph error body", null, null, httpStatus), null);
		}
		return new GraphApiException(operation, new GraphError(integer(error.get("code")),
				integer(error.get("error_subcode")), error.path("type").asString(null),
				error.path("message").asString(null), error.path("error_data").path("details").asString(null),
				error.path("fbtrace_id").asString(null), httpStatus), null);
	}

	/** A number Meta may write as a number or a string ({@code file_size}); null when absent or not a number. */
	private static Long longValue(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.longValue();
		}
		try {
			return Long.valueOf(node.asString().strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static Integer integer(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.intValue();
		}
		try {
			return Integer.valueOf(node.asString().strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static Waba waba(JsonNode node) {
		return new Waba(node.path("id").asString(null), node.path("name").asString(null),
				node.path("ownership_type").asString(null));
	}

	private static PhoneNumber phoneNumber(JsonNode node) {
		JsonNode onBizApp = node.get("is_on_biz_app");
		return new PhoneNumber(node.path("id").asString(null), node.path("display_phone_number").asString(null),
				node.path("verified_name").asString(null), node.path("platform_type").asString(null),
				onBizApp == null || onBizApp.isNull() ? null : onBizApp.asBoolean(),
				node.path("code_verification_status").asString(null));
	}
}

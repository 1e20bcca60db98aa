package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.platform.media.StoredMedia;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/media}: a file uploaded through the sender reaches Meta (the sandbox) byte for byte, and a
 * send naming the id Meta gave goes out; a file of a type WhatsApp does not take, or over its kind's limit, is
 * refused with problem+json naming the rule before anything reaches Meta; another tenant's number is not found.
 */
class MediaUploadIT extends SenderScenario {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	MediaStore store;

	@Test
	void anImageUploadedAsMultipartIsSentByItsMediaIdAndAPdfUploadedRawReachesMetaByteForByte() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		byte[] jpeg = bytes(60_000, 1);

		HttpResponse<String> uploaded = multipart(phone, "vitrine.jpg", "image/jpeg", jpeg, TENANT_A_KEY);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode image = json.readTree(uploaded.body());
		assertThat(image.path("size").asLong()).isEqualTo(jpeg.length);
		assertThat(image.path("mime_type").asString()).isEqualTo("image/jpeg");
		assertThat(SCENARIO.mediaBytes(image.path("id").asString())).isEqualTo(jpeg);

		String user = newUser();
		userWrites(number, user, "Manda a foto?");
		awaitWindowOpen(phone, user);
		SendMessage photo = command(phone, user, MessageType.IMAGE,
				"{\"id\": \"" + image.path("id").asString() + "\", \"caption\": \"a vitrine\"}");
		send(photo);
		assertThat(awaitState(photo.getCommandId(), SendState.SENT, SendState.FAILED, SendState.REJECTED).state())
				.isEqualTo(SendState.SENT);
		assertThat(accepted(phone).stream().filter(m -> m.path("type").asString().equals("image")))
				.anySatisfy(m -> assertThat(m.path("request").path("image").path("id").asString())
						.isEqualTo(image.path("id").asString()));

		byte[] pdf = "%PDF-1.7 boleto de teste".getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> raw = post("/api/v1/media?phone_number_id=" + phone + "&filename=boleto.pdf",
				"application/pdf", HttpRequest.BodyPublishers.ofByteArray(pdf), TENANT_A_KEY);
		assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
		assertThat(SCENARIO.mediaBytes(json.readTree(raw.body()).path("id").asString())).isEqualTo(pdf);
	}

	@Test
	void aFileWhatsAppWouldRefuseIsRefusedHereNamingTheRuleAndNeverReachesMeta() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		long uploadsBefore = SCENARIO.calls("media").size();

		HttpResponse<String> big = post("/api/v1/media?phone_number_id=" + phone, "image/png",
				HttpRequest.BodyPublishers.ofByteArray(bytes(6 * 1024 * 1024, 2)), TENANT_A_KEY);
		assertThat(big.statusCode()).isEqualTo(413);
		assertThat(big.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(big.body()).contains("5 MB").contains("image");

		HttpResponse<String> gif = multipart(phone, "dança.gif", "image/gif", bytes(1_000, 3), TENANT_A_KEY);
		assertThat(gif.statusCode()).isEqualTo(415);
		assertThat(gif.body()).contains("image/gif is not a type WhatsApp takes");

		HttpResponse<String> empty = post("/api/v1/media?phone_number_id=" + phone, "image/jpeg",
				HttpRequest.BodyPublishers.noBody(), TENANT_A_KEY);
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("empty");

		assertThat(SCENARIO.calls("media").size()).as("nothing uploaded to Meta").isEqualTo(uploadsBefore);
		assertThat(multipart(phone, "x.jpg", "image/jpeg", bytes(100, 4), TENANT_B_KEY).statusCode())
				.as("tenant B uploading for tenant A's number").isEqualTo(404);
	}

	@Test
	void aSendNamingAStoredObjectUploadsItOnceForTheNumberAndGoesOut() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		byte[] png = bytes(20_000, 5);
		StoredMedia stored = store.put(new ByteArrayInputStream(png), "image/png", 5 * 1024 * 1024);
		String user = newUser();
		userWrites(number, user, "Pode mandar de novo?");
		awaitWindowOpen(phone, user);
		String named = "{\"media_sha256\": \"" + stored.sha256() + "\", \"mime_type\": \"image/png\", \"caption\": \"de novo\"}";

		SendMessage first = command(phone, user, MessageType.IMAGE, named);
		send(first);
		Send sent = awaitState(first.getCommandId(), SendState.SENT, SendState.FAILED, SendState.REJECTED);
		assertThat(sent.state()).as("%s %s", sent.reason(), sent.errorDetails()).isEqualTo(SendState.SENT);
		SendMessage again = command(phone, user, MessageType.IMAGE, named);
		send(again);
		assertThat(awaitState(again.getCommandId(), SendState.SENT, SendState.FAILED, SendState.REJECTED).state())
				.isEqualTo(SendState.SENT);
		List<String> ids = accepted(phone).stream().filter(m -> "image".equals(m.path("type").asString()))
				.map(m -> m.path("request").path("image").path("id").asString()).toList();
		assertThat(ids).hasSize(2).containsOnly(ids.get(0));
		assertThat(SCENARIO.mediaBytes(ids.get(0))).as("Meta has the stored bytes").isEqualTo(png);
		assertThat(SCENARIO.calls("media").valueStream().filter(call -> phone.equals(call.path("nodeId").asString())))
				.as("uploaded once for the number").hasSize(1);

		SendMessage unknown = command(phone, user, MessageType.IMAGE,
				"{\"media_sha256\": \"" + "0".repeat(64) + "\", \"mime_type\": \"image/png\"}");
		SendMessage gif = command(phone, user, MessageType.IMAGE,
				"{\"media_sha256\": \"" + stored.sha256() + "\", \"mime_type\": \"image/gif\"}");
		send(unknown, gif);
		assertThat(awaitState(unknown.getCommandId(), SendState.REJECTED).errorDetails())
				.contains("upload it with POST /api/v1/media");
		assertThat(awaitState(gif.getCommandId(), SendState.REJECTED).errorDetails()).contains("image/gif");
	}

	private HttpResponse<String> multipart(String phone, String filename, String type, byte[] content, String key)
			throws Exception {
		String boundary = "wabaflow-it-" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return post("/api/v1/media?phone_number_id=" + phone, "multipart/form-data; boundary=" + boundary,
				HttpRequest.BodyPublishers.ofByteArray(body), key);
	}

	private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body, String key)
			throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + key).header("Content-Type", contentType).POST(body).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}
}

package io.wabaflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.JsonNode;

/**
 * Meta's media API over real HTTP: upload ({@code POST /{phone}/media}), retrieve ({@code GET /{media-id}}), download
 * (the short-lived URL with the bearer token), delete; who may read a media id; users' media messages; media ids in
 * sends; and the trouble knobs (slow downloads, expired URLs, forgotten media, fault rules).
 */
class MediaIT {

	private static final String USER = "5511987654321";

	private static final byte[] PNG = bytes(2_000, 7);

	private final ScenarioClient scenario = SharedSandbox.scenario();

	@BeforeEach
	void fresh() {
		SharedSandbox.fresh();
	}

	@Test
	void anUploadIsDescribedAndDownloadedByteForByte() {
		TestWorld world = TestWorld.cloud();

		Graph.Response uploaded = world.graph().upload(world.phoneNumberId(), "image/png", "pao.png", PNG);
		String id = uploaded.body().path("id").asString();
		Graph.Response info = world.graph().get("/" + id);
		Graph.Download download = world.graph().download(info.body().path("url").asString());

		assertThat(uploaded.status()).as("%s", uploaded.body()).isEqualTo(200);
		assertThat(id).matches("\\d{16}");
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body().propertyNames()).containsExactly("messaging_product", "url", "mime_type", "sha256",
				"file_size", "id");
		assertThat(info.body().path("mime_type").asString()).isEqualTo("image/png");
		assertThat(info.body().path("sha256").asString()).isEqualTo(sha256(PNG));
		assertThat(info.body().path("file_size").asLong()).isEqualTo(PNG.length);
		assertThat(info.body().path("url").asString()).contains("/whatsapp_business/attachments/?mid=" + id);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.contentType()).isEqualTo("image/png");
		assertThat(download.contentLength()).isEqualTo(PNG.length);
		assertThat(download.bytes()).isEqualTo(PNG);
		assertThat(scenario.mediaBytes(id)).isEqualTo(PNG);
		assertThat(scenario.calls("media").size()).isEqualTo(1);
		assertThat(scenario.calls("media_info").path(0).path("nodeId").asString()).isEqualTo(id);
		assertThat(scenario.calls("media_download").path(0).path("nodeId").asString()).isEqualTo(id);
		assertThat(scenario.calls("media_download").path(0).path("status").asInt()).isEqualTo(200);
	}

	@Test
	void uploadsAreCheckedAsMetaChecksThem() {
		TestWorld world = TestWorld.cloud();
		Graph graph = world.graph();
		String phone = world.phoneNumberId();

		Graph.Response gif = graph.upload(phone, "image/gif", "a.gif", PNG);
		Graph.Response bigImage = graph.upload(phone, "image/jpeg", "big.jpg", new byte[(5 << 20) + 1]);
		Graph.Response bigSticker = graph.upload(phone, "image/webp", "s.webp", new byte[(500 << 10) + 1]);
		Graph.Response bigVideo = graph.upload(phone, "video/mp4", "v.mp4", new byte[(16 << 20) + 1]);
		Graph.Response empty = graph.upload(phone, "application/pdf", "empty.pdf", new byte[0]);
		Graph.Response noProduct = graph.uploadForm(phone, Map.of("type", "image/png"), "a.png", PNG);
		Graph.Response noFile = graph.uploadForm(phone, Map.of("messaging_product", "whatsapp", "type", "image/png"),
				null, null);
		Graph.Response notMultipart = graph.post("/" + phone + "/media", Map.of("messaging_product", "whatsapp"));
		Graph.Response otherBusiness = TestWorld.cloud().graph().upload(phone, "image/png", "a.png", PNG);
		Graph.Response justUnder = graph.upload(phone, "image/webp", "s.webp", new byte[500 << 10]);

		assertThat(gif.status()).isEqualTo(400);
		assertThat(gif.errorCode()).isEqualTo(100);
		assertThat(gif.body().path("error").path("message").asString()).contains("image/gif").contains("image/png");
		assertThat(List.of(bigImage, bigSticker, bigVideo)).allSatisfy(response -> {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.errorCode()).isEqualTo(100);
			assertThat(response.body().path("error").path("message").asString()).contains("exceeds");
		});
		assertThat(bigImage.body().path("error").path("message").asString()).contains(String.valueOf(5 << 20));
		assertThat(empty.errorCode()).isEqualTo(131053);
		assertThat(empty.body().path("error").path("message").asString()).contains("Media upload error");
		assertThat(noProduct.errorCode()).isEqualTo(100);
		assertThat(noFile.errorCode()).isEqualTo(100);
		assertThat(notMultipart.errorCode()).isEqualTo(100);
		assertThat(otherBusiness.errorCode()).isEqualTo(100);
		assertThat(justUnder.status()).isEqualTo(200);
		assertThat(scenario.get("/media").size()).isEqualTo(1);
	}

	@Test
	void onlyTheOwningBusinessReadsAMediaIdAndItsNumberIfNamed() {
		TestWorld world = TestWorld.cloud();
		TestWorld other = TestWorld.cloud();
		String id = scenario.createMedia(world.phoneNumberId(), "image/jpeg", PNG).id();

		Graph.Response byOther = other.graph().get("/" + id);
		Graph.Response bySystemUser = world.graph().as(SharedSandbox.sandbox().systemUserToken()).get("/" + id);
		Graph.Response withItsNumber = world.graph().get("/" + id + "?phone_number_id=" + world.phoneNumberId());
		Graph.Response withAnotherNumber = world.graph().get("/" + id + "?phone_number_id=" + other.phoneNumberId());
		Graph.Response deleteByOther = other.graph().delete("/" + id);

		assertUnknown(byOther, id);
		assertThat(bySystemUser.status()).isEqualTo(200);
		assertThat(withItsNumber.status()).isEqualTo(200);
		assertUnknown(withAnotherNumber, id);
		assertUnknown(deleteByOther, id);
		assertThat(world.graph().get("/" + id).status()).isEqualTo(200);
	}

	@Test
	void deletedForgottenOrThirtyDayOldMediaIsUnknown() {
		TestWorld world = TestWorld.cloud();
		String deleted = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 100).id();
		String forgotten = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 100).id();
		String old = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 100).id();
		String oldUrl = world.graph().get("/" + old).body().path("url").asString();

		Graph.Response deletion = world.graph().delete("/" + deleted);
		scenario.forgetMedia(forgotten);
		scenario.advanceClock(Duration.ofDays(29));
		Graph.Response stillThere = world.graph().get("/" + old);
		scenario.advanceClock(Duration.ofDays(2));

		assertThat(deletion.status()).isEqualTo(200);
		assertThat(deletion.body().path("success").asBoolean()).isTrue();
		assertUnknown(world.graph().get("/" + deleted), deleted);
		assertUnknown(world.graph().delete("/" + deleted), deleted);
		assertUnknown(world.graph().get("/" + forgotten), forgotten);
		assertThat(stillThere.status()).isEqualTo(200);
		assertUnknown(world.graph().get("/" + old), old);
		assertThat(world.graph().download(oldUrl).status()).isEqualTo(404);
		assertThat(scenario.calls("media_delete").size()).isEqualTo(2);
	}

	@Test
	void aDownloadNeedsAValidTokenAndAUrlThatHasNotExpired() {
		TestWorld world = TestWorld.cloud();
		String id = scenario.createMedia(world.phoneNumberId(), "audio/mpeg", 3_000).id();
		String url = world.graph().get("/" + id).body().path("url").asString();

		Graph.Download withoutToken = world.graph().as(null).download(url);
		Graph.Download badToken = world.graph().as("EAAnot-a-token").download(url);
		Graph.Download otherBusiness = TestWorld.cloud().graph().download(url);
		Graph.Download tampered = world.graph().download(url.replaceAll("hash=[^&]+", "hash=forged"));
		Graph.Download fresh = world.graph().download(url);
		scenario.advanceClock(Duration.ofMinutes(5).plusSeconds(2));
		Graph.Download afterFiveMinutes = world.graph().download(url);
		Graph.Download refetched = world.graph().download(world.graph().get("/" + id).body().path("url").asString());

		assertThat(withoutToken.status()).isEqualTo(401);
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(otherBusiness.status()).isEqualTo(404);
		assertThat(tampered.status()).isEqualTo(404);
		assertThat(fresh.status()).isEqualTo(200);
		assertThat(afterFiveMinutes.status()).isEqualTo(404);
		assertThat(refetched.status()).isEqualTo(200);
		assertThat(refetched.bytes()).isEqualTo(scenario.mediaBytes(id));
	}

	@Test
	void theScenarioCanExpireTheNextUrlsHandedOut() {
		TestWorld world = TestWorld.cloud();
		String id = scenario.createMedia(world.phoneNumberId(), "video/mp4", 5_000).id();

		scenario.expireNextMediaUrls(2);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(world.graph().download(world.graph().get("/" + id).body().path("url").asString()).status());
		}

		assertThat(statuses).containsExactly(404, 404, 200);
	}

	@Test
	void slowDownloadsWaitBeforeTheFirstByteOrTrickle() {
		TestWorld world = TestWorld.cloud();
		TestWorld fast = TestWorld.cloud();
		String delayed = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 1_000).id();
		String trickling = scenario.createMedia(world.phoneNumberId(), "application/pdf", 40_000).id();
		String elsewhere = scenario.createMedia(fast.phoneNumberId(), "image/jpeg", 40_000).id();
		scenario.slowMediaDownload(delayed, Duration.ofMillis(400), 0);
		scenario.slowDownloads(world.phoneNumberId(), Duration.ZERO, 80_000);

		long delayedMillis = timed(() -> assertDownloads(world, delayed));
		long tricklingMillis = timed(() -> assertDownloads(world, trickling));
		long elsewhereMillis = timed(() -> assertDownloads(fast, elsewhere));

		assertThat(delayedMillis).isGreaterThanOrEqualTo(400);
		assertThat(tricklingMillis).isGreaterThanOrEqualTo(400); // 40,000 bytes at 80,000 per second
		assertThat(elsewhereMillis).isLessThan(400);
		assertThat(scenario.get("/slow-downloads").size()).isEqualTo(2);
	}

	@Test
	void faultRulesApplyToMediaCalls() {
		TestWorld world = TestWorld.cloud();
		String id = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 1_000).id();
		String url = world.graph().get("/" + id).body().path("url").asString();
		scenario.injectError("media_download", 130429, 1);
		scenario.injectError("media_info", 4, 1);
		scenario.injectError("media", 131000, 1);

		Graph.Download throttled = world.graph().download(url);
		Graph.Response limited = world.graph().get("/" + id);
		Graph.Response failedUpload = world.graph().upload(world.phoneNumberId(), "image/png", "a.png", PNG);

		assertThat(throttled.status()).isEqualTo(400);
		assertThat(parse(throttled.bytes()).path("error").path("code").asInt()).isEqualTo(130429);
		assertThat(limited.errorCode()).isEqualTo(4);
		assertThat(failedUpload.errorCode()).isEqualTo(131000);
		assertThat(world.graph().download(url).status()).isEqualTo(200);
		assertThat(world.graph().get("/" + id).status()).isEqualTo(200);
	}

	@Test
	void usersMediaMessagesCarryTheFileAsMetasWebhooksDo() {
		TestWorld world = TestWorld.cloud();

		ScenarioClient.InjectedMedia image = scenario.injectImage(world.phoneNumberId(), USER, "Pão de queijo");
		ScenarioClient.InjectedMedia voice = scenario.injectVoiceNote(world.phoneNumberId(), USER);
		ScenarioClient.InjectedMedia document = scenario.injectDocument(world.phoneNumberId(), USER, "pedido.pdf");
		ScenarioClient.InjectedMedia video = scenario.injectMedia(world.phoneNumberId(), USER, "video",
				Map.of("caption", "forno", "size", 10_000));
		ScenarioClient.InjectedMedia sticker = scenario.injectMedia(world.phoneNumberId(), USER, "sticker",
				Map.of("animated", true, "bytes", PNG));
		List<JsonNode> messages = SharedSandbox.awaitWebhooks("messages", 5).stream()
				.map(received -> received.value().path("messages").path(0)).toList();

		assertThat(messages).extracting(m -> m.path("type").asString())
				.containsExactly("image", "audio", "document", "video", "sticker");
		JsonNode imageContent = messages.get(0).path("image");
		assertThat(imageContent.propertyNames()).containsExactly("caption", "mime_type", "sha256", "id", "url");
		assertThat(imageContent.path("caption").asString()).isEqualTo("Pão de queijo");
		assertThat(imageContent.path("mime_type").asString()).isEqualTo("image/jpeg");
		assertThat(imageContent.path("id").asString()).isEqualTo(image.mediaId());
		assertThat(imageContent.path("sha256").asString()).isEqualTo(sha256(scenario.mediaBytes(image.mediaId())));
		assertThat(messages.get(0).path("id").asString()).isEqualTo(image.wamid());
		JsonNode audio = messages.get(1).path("audio");
		assertThat(audio.propertyNames()).containsExactly("mime_type", "sha256", "id", "url", "voice");
		assertThat(audio.path("mime_type").asString()).isEqualTo("audio/ogg; codecs=opus");
		assertThat(audio.path("voice").asBoolean()).isTrue();
		assertThat(voice.mimeType()).isEqualTo("audio/ogg; codecs=opus");
		JsonNode doc = messages.get(2).path("document");
		assertThat(doc.propertyNames()).containsExactly("filename", "mime_type", "sha256", "id", "url");
		assertThat(doc.path("filename").asString()).isEqualTo("pedido.pdf");
		assertThat(doc.path("id").asString()).isEqualTo(document.mediaId());
		assertThat(messages.get(3).path("video").path("caption").asString()).isEqualTo("forno");
		assertThat(video.fileSize()).isEqualTo(10_000);
		assertThat(messages.get(4).path("sticker").path("animated").asBoolean()).isTrue();
		assertThat(messages.get(4).path("sticker").path("mime_type").asString()).isEqualTo("image/webp");
		assertThat(scenario.mediaBytes(sticker.mediaId())).isEqualTo(PNG);
		Graph.Download fromWebhook = world.graph().download(imageContent.path("url").asString());
		assertThat(fromWebhook.bytes()).isEqualTo(scenario.mediaBytes(image.mediaId()));
		Graph.Response info = world.graph().get("/" + voice.mediaId());
		assertThat(info.body().path("sha256").asString()).isEqualTo(voice.sha256());
	}

	@Test
	void aSendNamesMediaOfItsOwnBusinessOfTheRightKind() {
		TestWorld world = TestWorld.cloud();
		TestWorld other = TestWorld.cloud();
		scenario.injectText(world.phoneNumberId(), USER, "oi");
		scenario.injectText(other.phoneNumberId(), USER, "oi");
		String image = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 1_000).id();
		String pdf = scenario.createMedia(world.phoneNumberId(), "application/pdf", 1_000).id();

		Graph.Response own = send(world, "image", image);
		Graph.Response pdfAsDocument = send(world, "document", pdf);
		Graph.Response foreign = send(other, "image", image);
		Graph.Response pdfAsImage = send(world, "image", pdf);
		Graph.Response madeUp = send(world, "sticker", "1234567890123456");
		scenario.put("/messaging-rules", Map.of("strictMedia", true));
		Graph.Response madeUpWhenStrict = send(world, "sticker", "1234567890123456");

		assertThat(own.status()).isEqualTo(200);
		assertThat(pdfAsDocument.status()).isEqualTo(200);
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.errorCode()).isEqualTo(100);
		assertThat(foreign.body().path("error").path("error_data").path("details").asString())
				.isEqualTo("Param image['id'] is not a valid whatsapp business account media attachment ID");
		assertThat(pdfAsImage.status()).isEqualTo(200);
		assertThat(madeUp.status()).isEqualTo(200);
		assertThat(madeUpWhenStrict.errorCode()).isEqualTo(100);
		String failedWamid = pdfAsImage.body().path("messages").path(0).path("id").asString();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scenario.get("/messages/" + failedWamid)
				.path("statuses").valueStream().map(status -> status.path("errorCode").asInt())).contains(131053));
	}

	@Test
	void aHundredKilobyteImageIsServedFast() {
		TestWorld world = TestWorld.cloud();
		String id = scenario.createMedia(world.phoneNumberId(), "image/jpeg", 100 * 1024).id();
		String url = world.graph().get("/" + id).body().path("url").asString();

		long millis = timed(() -> {
			for (int i = 0; i < 200; i++) {
				assertThat(world.graph().download(url).bytes()).hasSize(100 * 1024);
			}
		});

		// 20 MB in all: a loaded CI machine still does this in a few seconds; a per-request cost would show
		assertThat(millis).isLessThan(15_000);
	}

	private static Graph.Response send(TestWorld world, String type, String mediaId) {
		return world.graph().post("/" + world.phoneNumberId() + "/messages", Map.of("messaging_product", "whatsapp",
				"to", USER, "type", type, type, Map.of("id", mediaId)));
	}

	private static void assertDownloads(TestWorld world, String id) {
		Graph.Download download = world.graph().download(world.graph().get("/" + id).body().path("url").asString());
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.bytes()).isEqualTo(SharedSandbox.scenario().mediaBytes(id));
	}

	private static void assertUnknown(Graph.Response response, String id) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo(100);
		assertThat(response.body().path("error").path("error_subcode").asInt()).isEqualTo(33);
		assertThat(response.body().path("error").path("message").asString())
				.startsWith("Unsupported").contains("Object with ID '" + id + "' does not exist");
	}

	private static long timed(Runnable work) {
		long started = System.nanoTime();
		work.run();
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static JsonNode parse(byte[] body) {
		return Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] bytes(int size, int seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

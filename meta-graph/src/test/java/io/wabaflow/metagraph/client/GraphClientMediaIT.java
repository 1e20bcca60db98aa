package io.wabaflow.metagraph.client;

import static org.assertj.core.api.Assertions.assertThat;
import static io.wabaflow.metagraph.client.Futures.graphFailure;
import static io.wabaflow.metagraph.client.Futures.join;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wabaflow.metagraph.client.GraphModel.DownloadedMedia;
import io.wabaflow.metagraph.client.GraphModel.MediaInfo;
import io.wabaflow.metagraph.message.MediaLimits;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;

/**
 * {@link GraphClient}'s media calls over real HTTP against graph-sandbox: upload (bytes and file), info, streamed
 * download (to a stream and to a file, with the SHA-256 checked), delete, and how each failure is classified: an
 * expired URL (its own, retryable error), an id Meta no longer has (100/33, permanent), a bad token (AUTH),
 * throttling, a first byte slower than the timeout.
 */
class GraphClientMediaIT {

	private static final String APP_ID = "880011223344557";

	private static final String APP_SECRET = "graph-client-media-it-secret";

	private static final String USER = "5511987654321";

	private static GraphSandbox sandbox;

	private static ScenarioClient scenario;

	private static GraphClient client;

	private String phone;

	private String token;

	@TempDir
	Path directory;

	@BeforeAll
	static void start() {
		sandbox = GraphSandbox.start(SandboxSettings.defaults().withApp(APP_ID, APP_SECRET).withFastTimings());
		scenario = sandbox.scenario();
		client = clientWithTimeout(Duration.ofSeconds(5));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@BeforeEach
	void aNumber() {
		String business = scenario.createBusiness("Mídia");
		phone = scenario.createCloudNumber(scenario.createWaba(business, true), "+55 11 4002-8922", true);
		token = scenario.businessToken(business);
	}

	@Test
	void anUploadIsDescribedAndDownloadedByteForByte() throws Exception {
		byte[] jpeg = bytes(150_000);
		Path pdf = Files.write(directory.resolve("cardápio.pdf"), bytes(300_000));

		String imageId = join(client.uploadMedia(phone, "image/jpeg", "pão.jpg", jpeg, token));
		String pdfId = join(client.uploadMedia(phone, "application/pdf", "cardápio.pdf", pdf, token));
		MediaInfo image = join(client.mediaInfo(imageId, token));
		MediaInfo document = join(client.mediaInfo(pdfId, token));
		DownloadedMedia saved = join(client.downloadMedia(document.url(), token, directory.resolve("copy.pdf")));
		byte[] streamed;
		try (MediaStream stream = join(client.downloadMedia(image.url(), token))) {
			assertThat(stream.mimeType()).isEqualTo("image/jpeg");
			assertThat(stream.contentLength()).isEqualTo(jpeg.length);
			streamed = stream.readAllBytes();
		}

		assertThat(image.id()).isEqualTo(imageId);
		assertThat(image.mimeType()).isEqualTo("image/jpeg");
		assertThat(image.fileSize()).isEqualTo(jpeg.length);
		assertThat(image.sha256()).isEqualTo(sha256(jpeg));
		assertThat(streamed).isEqualTo(jpeg).isEqualTo(scenario.mediaBytes(imageId));
		assertThat(saved.matches(document.sha256())).isTrue();
		assertThat(saved.size()).isEqualTo(300_000);
		assertThat(saved.mimeType()).isEqualTo("application/pdf");
		assertThat(Files.readAllBytes(saved.file())).isEqualTo(Files.readAllBytes(pdf))
				.isEqualTo(scenario.mediaBytes(pdfId));
		assertThat(scenario.get("/media/" + pdfId).path("filename").asString()).isEqualTo("cardápio.pdf");
	}

	@Test
	void aUsersMediaIsDownloadedWithTheUrlOfItsWebhook() {
		ScenarioClient.InjectedMedia voice = scenario.injectVoiceNote(phone, USER);

		DownloadedMedia saved = join(client.downloadMedia(voice.url(), token, directory.resolve("voz.ogg")));

		assertThat(saved.matches(voice.sha256())).isTrue();
		assertThat(saved.mimeType()).isEqualTo("audio/ogg; codecs=opus");
	}

	@Test
	void anExpiredUrlIsItsOwnRetryableErrorAndAFreshUrlDownloads() {
		String id = scenario.createMedia(phone, "video/mp4", 20_000).id();
		scenario.expireNextMediaUrls(1);
		MediaInfo stale = join(client.mediaInfo(id, token));

		GraphApiException expired = graphFailure(client.downloadMedia(stale.url(), token));
		GraphApiException expiredToFile = graphFailure(client.downloadMedia(stale.url(), token,
				directory.resolve("never.mp4")));
		DownloadedMedia fresh = join(client.downloadMedia(join(client.mediaInfo(id, token)).url(), token,
				directory.resolve("fresh.mp4")));

		assertThat(expired).isInstanceOf(MediaUrlExpiredException.class);
		assertThat(expired.classification()).isEqualTo(GraphErrorClass.RETRYABLE);
		assertThat(expired.error().httpStatus()).isEqualTo(404);
		assertThat(expired.getMessage()).doesNotContain(token);
		assertThat(expiredToFile).isInstanceOf(MediaUrlExpiredException.class);
		assertThat(directory.resolve("never.mp4")).doesNotExist();
		assertThat(fresh.matches(stale.sha256())).isTrue();
	}

	@Test
	void aMediaIdMetaNoLongerHasIsPermanentWithSubcode33() {
		String uploaded = join(client.uploadMedia(phone, "image/png", "a.png", bytes(1_000), token));
		String forgotten = scenario.createMedia(phone, "image/png", 1_000).id();

		join(client.deleteMedia(uploaded, token));
		scenario.forgetMedia(forgotten);

		for (CompletableFuture<?> call : List.of(client.mediaInfo(uploaded, token),
				client.mediaInfo(forgotten, token), client.mediaInfo("1234567890123456", token),
				client.deleteMedia(uploaded, token))) {
			GraphApiException unknown = graphFailure(call);
			assertThat(unknown.code()).isEqualTo(100);
			assertThat(unknown.error().subcode()).isEqualTo(33);
			assertThat(unknown.classification()).isEqualTo(GraphErrorClass.PERMANENT);
		}
	}

	@Test
	void aDownloadWithoutAValidTokenIsAnAuthFailure() {
		String url = join(client.mediaInfo(scenario.createMedia(phone, "image/jpeg", 1_000).id(), token)).url();

		GraphApiException refused = graphFailure(client.downloadMedia(url, "EAAnot-a-token"));

		assertThat(refused.classification()).isEqualTo(GraphErrorClass.AUTH);
		assertThat(refused.error().httpStatus()).isEqualTo(401);
		assertThat(refused.getMessage()).doesNotContain("EAAnot-a-token");
	}

	@Test
	void whatMetaRefusesToUploadIsPermanentAndMediaLimitsSaysSoFirst() {
		GraphApiException gif = graphFailure(client.uploadMedia(phone, "image/gif", "a.gif", bytes(100), token));
		GraphApiException big = graphFailure(client.uploadMedia(phone, "image/webp", "s.webp", bytes(600 << 10), token));
		GraphApiException empty = graphFailure(client.uploadMedia(phone, "text/plain", "a.txt", new byte[0], token));

		assertThat(gif.code()).isEqualTo(100);
		assertThat(gif.classification()).isEqualTo(GraphErrorClass.PERMANENT);
		assertThat(gif.operation()).isEqualTo("upload media");
		assertThat(big.code()).isEqualTo(100);
		assertThat(empty.code()).isEqualTo(131053);
		assertThat(MediaLimits.violationOf("image/gif", 100)).isPresent();
		assertThat(MediaLimits.violationOf("image/webp", 600 << 10)).isPresent();
		assertThat(MediaLimits.violationOf("text/plain", 0)).isPresent();
	}

	@Test
	void aThrottledDownloadIsThrottledAndAFirstByteSlowerThanTheTimeoutIsRetryable() {
		String id = scenario.createMedia(phone, "image/jpeg", 1_000).id();
		String url = join(client.mediaInfo(id, token)).url();
		scenario.injectError("media_download", 130429, 1);
		scenario.slowMediaDownload(id, Duration.ofSeconds(3), 0);
		GraphClient impatient = clientWithTimeout(Duration.ofSeconds(1));

		GraphApiException throttled = graphFailure(client.downloadMedia(url, token));
		GraphApiException slow = graphFailure(impatient.downloadMedia(url, token));

		assertThat(throttled.code()).isEqualTo(130429);
		assertThat(throttled.classification()).isEqualTo(GraphErrorClass.THROTTLED);
		assertThat(slow.classification()).isEqualTo(GraphErrorClass.RETRYABLE);
		assertThat(slow.error().httpStatus()).isZero();
	}

	@Test
	void theTokenIsNeverSentOverPlainHttpToAnotherHost() {
		Throwable refused = catchThrowable(() -> client.downloadMedia("http://example.com/x?mid=1", token)
				.get(5, TimeUnit.SECONDS));

		assertThat(refused).hasRootCauseInstanceOf(IllegalArgumentException.class);
		assertThat(refused.getMessage()).doesNotContain(token);
	}

	private static GraphClient clientWithTimeout(Duration timeout) {
		return GraphClient.create(new GraphSettings(URI.create(sandbox.baseUrl()), sandbox.settings().graphVersion(),
				APP_ID, APP_SECRET, timeout));
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) throws Exception {
		return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

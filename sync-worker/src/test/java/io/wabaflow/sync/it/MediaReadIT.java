package io.wabaflow.sync.it;

import static io.wabaflow.sync.SyncFixtures.inbound;
import static io.wabaflow.sync.SyncFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.platform.media.StoredMedia;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.media.MediaState;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;

/**
 * What the sender's media events make of a message's media, on the read API: {@code pending} until its event,
 * {@code stored} with a URL whose bytes stream whole or by range to the number's tenant (404 to another), or
 * {@code failed} with the reason; whatever order the events come in, stored wins.
 */
class MediaReadIT extends SyncIntegrationBase {

	private static final String NUMBER = "pn-media-" + UUID.randomUUID().toString().substring(0, 8);

	private static final long T = 1_784_500_000L;

	private final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	MediaStore store;

	@Test
	void aMessagesMediaIsPendingThenStoredAndItsBytesAreServedToItsTenantOnly() throws Exception {
		byte[] photo = new byte[150_000];
		new Random(7).nextBytes(photo);
		StoredMedia stored = store.put(new ByteArrayInputStream(photo), "image/jpeg", 5_000_000);
		String user = "5511960000001";
		sync.produce(List.<SpecificRecord>of(
				PhoneNumberRegistration.newBuilder(registration(NUMBER, NumberType.CLOUD, Instant.ofEpochSecond(T)))
						.setTenantId("sync-it-a").build(),
				inbound(NUMBER, user, "Ana", "wamid.photo." + NUMBER, T + 1, "image",
						"{\"id\": \"media-photo-" + NUMBER + "\", \"mime_type\": \"image/jpeg\", \"sha256\": \"x\", \"caption\": \"a foto\"}",
						Instant.ofEpochSecond(T + 1)),
				inbound(NUMBER, user, "Ana", "wamid.voice." + NUMBER, T + 2, "audio",
						"{\"id\": \"media-voice-" + NUMBER + "\", \"mime_type\": \"audio/ogg; codecs=opus\", \"voice\": true}",
						Instant.ofEpochSecond(T + 2))));
		sync.awaitActiveCaughtUp(Duration.ofSeconds(60));

		assertThat(media("wamid.photo." + NUMBER)).containsEntry("state", "pending").containsEntry("url", null);
		assertThat(get("/api/v1/media/media-photo-" + NUMBER, "sync-it-tenant-a-key", null).statusCode())
				.as("not downloaded yet").isEqualTo(409);

		// the voice note failed for good first; a later event says the photo was stored, a replayed one says failed
		sync.produce(List.of(failed("media-voice-" + NUMBER, "EXPIRED"), stored("media-photo-" + NUMBER, stored, 10),
				failed("media-photo-" + NUMBER, "DOWNLOAD_FAILED")));
		sync.awaitActiveCaughtUp(Duration.ofSeconds(60));

		Map<String, Object> photoMedia = media("wamid.photo." + NUMBER);
		assertThat(photoMedia).containsEntry("state", "stored").containsEntry("mime_type", "image/jpeg")
				.containsEntry("size", photo.length).containsEntry("url", "/api/v1/media/media-photo-" + NUMBER);
		assertThat(media("wamid.voice." + NUMBER)).containsEntry("state", "failed").containsEntry("reason", "EXPIRED");

		HttpResponse<byte[]> whole = get("/api/v1/media/media-photo-" + NUMBER, "sync-it-tenant-a-key", null);
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(photo.length);
		assertThat(whole.body()).isEqualTo(photo);

		HttpResponse<byte[]> part = get("/api/v1/media/media-photo-" + NUMBER, "sync-it-tenant-a-key", "bytes=100-1099");
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + photo.length);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(photo, 100, 1100));
		assertThat(get("/api/v1/media/media-photo-" + NUMBER, "sync-it-tenant-a-key", "bytes=999999-").statusCode())
				.isEqualTo(416);

		assertThat(get("/api/v1/media/media-photo-" + NUMBER, "sync-it-tenant-b-key", null).statusCode())
				.as("another tenant's media").isEqualTo(404);
		HttpResponse<byte[]> gone = get("/api/v1/media/media-voice-" + NUMBER, "sync-it-tenant-a-key", null);
		assertThat(gone.statusCode()).isEqualTo(409);
		assertProblem(gone, "urn:wabaflow:problem:media-failed").contains("\"reason\":\"EXPIRED\"");
		HttpResponse<byte[]> unknown = get("/api/v1/media/no-such-media", "sync-it-tenant-a-key", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertProblem(unknown, "urn:wabaflow:problem:not-found").contains("no-such-media");
		HttpResponse<byte[]> badLimit = get("/api/v1/phone-numbers/" + NUMBER + "/conversations?limit=100000",
				"sync-it-tenant-a-key", null);
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertProblem(badLimit, "urn:wabaflow:problem:bad-request").contains("limit");
	}

	/** An error answer is problem+json of its type; its body, for more. */
	private static AbstractStringAssert<?> assertProblem(HttpResponse<byte[]> answer, String type) {
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				contentType -> assertThat(contentType).startsWith("application/problem+json"));
		String body = new String(answer.body(), StandardCharsets.UTF_8);
		assertThat(body).contains("\"type\":\"" + type + "\"");
		return assertThat(body);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> media(String wamid) {
		return (Map<String, Object>) sync.get("/api/v1/phone-numbers/" + NUMBER + "/messages/" + wamid).get("media");
	}

	private HttpResponse<byte[]> get(String path, String key, String range) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + key);
		if (range != null) {
			request.header("Range", range);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static MediaEvent stored(String mediaId, StoredMedia media, long secondsLater) {
		return event(mediaId, MediaState.STORED, null).setSha256(media.sha256()).setSize(media.size())
				.setMimeType("image/jpeg").setOccurredAt(Instant.ofEpochSecond(T + secondsLater)).build();
	}

	private static MediaEvent failed(String mediaId, String reason) {
		return event(mediaId, MediaState.FAILED, reason).setDetail("gave up").build();
	}

	private static MediaEvent.Builder event(String mediaId, MediaState state, String reason) {
		return MediaEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("sync-it-a")
				.setPhoneNumberId(NUMBER).setMediaId(mediaId).setState(state).setReason(reason).setAttempts(1)
				.setOccurredAt(Instant.ofEpochSecond(T + 5));
	}
}

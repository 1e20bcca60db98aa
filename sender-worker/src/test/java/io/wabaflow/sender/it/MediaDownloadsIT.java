package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.media.MediaStore;
import io.wabaflow.sandbox.ScenarioClient.InjectedMedia;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.media.MediaState;

/**
 * Inbound media, downloaded from the sandbox's Meta over real HTTP into the real media store (the filesystem here,
 * S3 in {@link S3MediaDownloadsIT}): an image, a voice note and a PDF end stored with the sandbox's very bytes, a
 * webhook delivered twice downloads once, a media id Meta no longer has ends failed EXPIRED after the retries, and
 * a number whose downloads crawl holds back no other number's.
 */
class MediaDownloadsIT extends SenderScenario {

	private static final Duration STORED = Duration.ofSeconds(30);

	@Autowired
	MediaStore store;

	@Test
	void anImageAVoiceNoteAndAPdfAreStoredByteForByteAndAWebhookDeliveredTwiceDownloadsOnce() throws Exception {
		TestNumber number = cloudNumber(null);
		String phone = number.phoneNumberId();
		String user = newUser();
		InjectedMedia image = SCENARIO.injectImage(phone, user, "a vitrine de hoje");
		InjectedMedia voice = SCENARIO.injectVoiceNote(phone, user);
		InjectedMedia pdf = SCENARIO.injectDocument(phone, user, "boleto.pdf");
		byte[] imageWebhook = webhookOf(image.wamid());
		forward(imageWebhook);
		forward(webhookOf(voice.wamid()));
		forward(webhookOf(pdf.wamid()));
		forward(imageWebhook); // Meta delivers it again

		for (InjectedMedia media : List.of(image, voice, pdf)) {
			MediaEvent stored = awaitSettled(media.mediaId(), STORED);
			byte[] metas = SCENARIO.mediaBytes(media.mediaId());
			assertThat(stored.getState()).as("%s", stored).isEqualTo(MediaState.STORED);
			assertThat(stored.getSha256()).isEqualTo(sha256(metas));
			assertThat(stored.getSize()).isEqualTo(metas.length);
			assertThat(stored.getMimeType()).isEqualTo(media.mimeType());
			assertThat(stored.getTenantId()).isEqualTo(number.tenant());
			try (InputStream kept = store.open(stored.getSha256(), 0, stored.getSize())) {
				assertThat(kept.readAllBytes()).as("the stored bytes of %s", media.mediaId()).isEqualTo(metas);
			}
		}
		assertThat(downloads(image.mediaId())).as("the image fetched from Meta once").isEqualTo(1);
		assertThat(tap().media(image.mediaId())).as("one event for the image").hasSize(1);
	}

	@Test
	void aMediaIdMetaNoLongerHasEndsFailedExpiredAfterTheRetries() throws Exception {
		TestNumber number = cloudNumber(null);
		InjectedMedia gone = SCENARIO.injectImage(number.phoneNumberId(), newUser(), "uma foto antiga");
		SCENARIO.forgetMedia(gone.mediaId());
		forward(webhookOf(gone.wamid()));

		MediaEvent failed = awaitSettled(gone.mediaId(), STORED);
		assertThat(failed.getState()).isEqualTo(MediaState.FAILED);
		assertThat(failed.getReason()).isEqualTo("EXPIRED");
		assertThat(failed.getAttempts()).as("the first attempt and the three retries of application-it").isEqualTo(4);
		assertThat(failed.getDetail()).contains("after 4 attempts");
	}

	@Test
	void aNumberWhoseDownloadsCrawlHoldsBackNoOtherNumbersDownloads() throws Exception {
		TestNumber slow = cloudNumber(null);
		TestNumber fast = cloudNumber(null);
		// 200 KB at 25 KB/s: eight seconds of bytes trickling in (a first byte that late would time out)
		SCENARIO.slowDownloads(slow.phoneNumberId(), Duration.ZERO, 25_000);
		InjectedMedia crawling = SCENARIO.injectMedia(slow.phoneNumberId(), newUser(), "image",
				Map.of("caption", "devagar", "size", 200_000));
		InjectedMedia quick = SCENARIO.injectImage(fast.phoneNumberId(), newUser(), "rápido");
		forward(webhookOf(crawling.wamid()));
		forward(webhookOf(quick.wamid()));

		MediaEvent stored = awaitSettled(quick.mediaId(), Duration.ofSeconds(5));
		assertThat(stored.getState()).isEqualTo(MediaState.STORED);
		assertThat(tap().media(crawling.mediaId())).as("the slow number's download is still on its way").isEmpty();
		assertThat(awaitSettled(crawling.mediaId(), STORED).getState()).isEqualTo(MediaState.STORED);
	}

	MediaEvent awaitSettled(String mediaId, Duration timeout) {
		return await("the media event of " + mediaId).atMost(timeout).pollInterval(Duration.ofMillis(100))
				.until(() -> tap().media(mediaId), events -> !events.isEmpty()).get(0);
	}

	static byte[] webhookOf(String wamid) {
		return await("the webhook of " + wamid).atMost(SETTLED).until(() -> WEBHOOKS.accepted("messages").stream()
				.filter(received -> received.body().contains(wamid)).findFirst().orElse(null), received -> received != null)
				.rawBody();
	}

	private static long downloads(String mediaId) {
		return SCENARIO.calls("media_download").valueStream()
				.filter(call -> mediaId.equals(call.path("nodeId").asString())).count();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

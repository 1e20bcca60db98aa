package io.wabaflow.sender.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.metagraph.webhook.UnparseableWebhookException;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.testsupport.PeerWebhooks;

/**
 * Which media a webhook names, on the 84 payloads written outside this project (Meta's 2026 examples, pywa, SDKs):
 * every image, voice note, video, document and sticker, the media of a history follow-up and of the business app's
 * echoes, each once, and nothing from the other fields.
 */
class MediaReferencesTest {

	private final MediaReferences references = new MediaReferences();

	@Test
	void everyMediaKindOfTheCorpusIsNamedWithItsDigestAndNothingElseIs() throws Exception {
		List<MediaReference> found = references.of(changes(PeerWebhooks.all()));

		assertThat(found).extracting(MediaReference::kind).contains("image", "audio", "video", "document");
		// the corpus's sticker reuses the voice note's media id (copied examples): one media, named once, as audio
		assertThat(found).filteredOn(r -> r.mediaId().equals("1908647269898587")).extracting(MediaReference::kind)
				.containsExactly("audio");
		assertThat(references.of(changes(List.of(PeerWebhooks.get("016"))))).extracting(MediaReference::kind,
				MediaReference::mimeType).containsExactly(tuple("sticker", "image/webp"));
		assertThat(found).allSatisfy(reference -> {
			assertThat(reference.phoneNumberId()).isNotBlank();
			assertThat(reference.mediaId()).isNotBlank();
			assertThat(reference.wamid()).isNotBlank();
		});
		assertThat(found).extracting(r -> r.phoneNumberId() + "/" + r.mediaId()).doesNotHaveDuplicates();
		MediaReference history = references.of(changes(List.of(PeerWebhooks.get("066")))).get(0);
		assertThat(history).isEqualTo(new MediaReference("106540352242922", "24230790383178626", "image", "image/jpeg",
				"3f9d94d399fa61c191bc1d4ca71375a035cd9b9f5b1128e1f0963a415c16b0cc",
				"wamid.QyNUEHBgLMTY0NjcwNDM1OTUVAgARGBI1Rj3NEYxMzAzMzQ5MkEA"));
		assertThat(references.of(changes(List.of(PeerWebhooks.get("001"), PeerWebhooks.get("065")))))
				.as("texts and a history chunk of texts").isEmpty();
	}

	@Test
	void aPhotoTheBusinessAppSentIsNamedAndTheSameMediaTwiceOnce() throws Exception {
		String echo = """
				{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "smb_message_echoes",
				 "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
				  "message_echoes": [{"from": "15550783881", "to": "16505551234", "id": "wamid.echo1", "timestamp": "1738796547",
				   "type": "image", "image": {"mime_type": "image/jpeg", "sha256": "abc=", "id": "998877665544332"}}]}}]}]}""";
		List<WebhookChange> twice = new ArrayList<>(changes(List.of(new PeerWebhooks.Payload("echo",
				echo.getBytes(StandardCharsets.UTF_8)))));
		twice.addAll(twice);

		assertThat(references.of(twice)).containsExactly(new MediaReference("106540352242922", "998877665544332", "image",
				"image/jpeg", "abc=", "wamid.echo1"));
	}

	private static List<WebhookChange> changes(List<PeerWebhooks.Payload> payloads) throws UnparseableWebhookException {
		List<WebhookChange> changes = new ArrayList<>();
		for (PeerWebhooks.Payload payload : payloads) {
			for (EnvelopeChange change : new EnvelopeSplitter().split(payload.bytes())) {
				changes.add(WebhookChange.newBuilder().setEventId(change.eventId()).setWabaId(change.wabaId())
						.setField(change.field()).setPhoneNumberId(change.phoneNumberId()).setValueJson(change.valueJson())
						.setEntryTime(change.entryTime()).setReceivedAt(Instant.now()).build());
			}
		}
		return changes;
	}
}

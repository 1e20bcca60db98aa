package io.wabaflow.sender.media;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * {@code wabaflow.webhooks.v1}: the media items webhooks name become pending downloads, a poll at a time, and are
 * started. The offsets are committed once the rows are written, without waiting for any download: a slow one must
 * not hold back the webhooks, and the rows keep every download until it is settled.
 */
class MediaRequestListener {

	private static final Logger log = LoggerFactory.getLogger(MediaRequestListener.class);

	private final MediaReferences references = new MediaReferences();

	private final Downloads downloads;

	MediaRequestListener(Downloads downloads) {
		this.downloads = downloads;
	}

	@KafkaListener(id = "sender-media", groupId = ConsumerGroups.SENDER + "-media",
			topics = "#{T(io.wabaflow.schemas.Topics).WEBHOOKS.name()}", batch = "true")
	void on(List<ConsumerRecord<String, SpecificRecord>> records) {
		List<MediaReference> found = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, SpecificRecord> record = records.get(i);
			if (!(record.value() instanceof WebhookChange change)) {
				downloads.request(found);
				throw new BatchListenerFailedException("Not a WebhookChange",
						new PoisonRecordException("not a WebhookChange on the webhook topic"), i);
			}
			try {
				found.addAll(references.of(List.of(change)));
			}
			catch (MalformedChangeException e) {
				log.warn("Webhook change {} has a malformed value: no media taken from it", change.getEventId());
			}
		}
		downloads.request(found);
	}
}

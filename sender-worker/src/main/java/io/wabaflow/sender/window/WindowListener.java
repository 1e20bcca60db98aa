package io.wabaflow.sender.window;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * {@code wabaflow.webhooks.v1} into the sender's own window table, a poll at a time (webhooks are mostly
 * statuses; one upsert per poll keeps up with them). Its own consumer group: reading webhooks is a
 * projection, replayable at will, unlike sending.
 */
@Component
class WindowListener {

	private static final Logger log = LoggerFactory.getLogger(WindowListener.class);

	private final InboundMessages inbound = new InboundMessages();

	private final WindowStore store;

	WindowListener(WindowStore store) {
		this.store = store;
	}

	@KafkaListener(id = "sender-windows", groupId = ConsumerGroups.SENDER + "-windows",
			topics = "#{T(io.wabaflow.schemas.Topics).WEBHOOKS.name()}", batch = "true")
	void on(List<ConsumerRecord<String, SpecificRecord>> records) {
		List<WebhookChange> changes = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, SpecificRecord> record = records.get(i);
			if (!(record.value() instanceof WebhookChange change)) {
				store.record(latest(changes));
				throw new BatchListenerFailedException("Not a WebhookChange",
						new PoisonRecordException("not a WebhookChange on the webhook topic"), i);
			}
			changes.add(change);
		}
		store.record(latest(changes));
	}

	private List<InboundMessages.Inbound> latest(List<WebhookChange> changes) {
		try {
			return inbound.latest(changes);
		}
		catch (MalformedChangeException e) {
			// one bad value must not stop the windows of the others: take them one by one
			List<InboundMessages.Inbound> all = new ArrayList<>();
			for (WebhookChange change : changes) {
				try {
					all.addAll(inbound.latest(List.of(change)));
				}
				catch (MalformedChangeException malformed) {
					log.warn("Webhook change {} has a malformed value: no window taken from it", change.getEventId());
				}
			}
			return InboundMessages.newestPerKey(all);
		}
	}
}

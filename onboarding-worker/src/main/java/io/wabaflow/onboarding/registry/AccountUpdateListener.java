package io.wabaflow.onboarding.registry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.webhook.WebhookChange;

/** The verified webhooks: only {@code account_update} changes concern the onboarding worker. */
@Component
class AccountUpdateListener {

	private final AccountUpdates updates;

	AccountUpdateListener(AccountUpdates updates) {
		this.updates = updates;
	}

	@KafkaListener(id = "onboarding-account-updates",
			groupId = "${wabaflow.onboarding.group-prefix:" + ConsumerGroups.ONBOARDING + "}-webhooks",
			topics = "#{T(io.wabaflow.schemas.Topics).WEBHOOKS.name()}")
	void on(ConsumerRecord<String, Object> record) {
		Object value = record.value();
		if (!(value instanceof WebhookChange change)) {
			throw new PoisonRecordException("Not a WebhookChange: " + (value == null ? "null" : value.getClass().getSimpleName()));
		}
		if (!WebhookFields.ACCOUNT_UPDATE.equals(change.getField())) {
			return;
		}
		try {
			updates.apply(change);
		}
		catch (MalformedChangeException e) {
			throw new PoisonRecordException("account_update " + change.getEventId() + " is not a JSON object", e);
		}
	}
}

package io.wabaflow.onboarding.registry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * The verified webhooks that concern the registry: {@code account_update} (a number's status) and
 * {@code phone_number_quality_update} (its throughput). Every other field is someone else's.
 */
@Component
class AccountUpdateListener {

	private final AccountUpdates updates;

	private final LimitUpdates limits;

	AccountUpdateListener(AccountUpdates updates, LimitUpdates limits) {
		this.updates = updates;
		this.limits = limits;
	}

	@KafkaListener(id = "onboarding-account-updates",
			groupId = "${wabaflow.onboarding.group-prefix:" + ConsumerGroups.ONBOARDING + "}-webhooks",
			topics = "#{T(io.wabaflow.schemas.Topics).WEBHOOKS.name()}")
	void on(ConsumerRecord<String, Object> record) {
		Object value = record.value();
		if (!(value instanceof WebhookChange change)) {
			throw new PoisonRecordException("Not a WebhookChange: " + (value == null ? "null" : value.getClass().getSimpleName()));
		}
		try {
			if (WebhookFields.ACCOUNT_UPDATE.equals(change.getField())) {
				updates.apply(change);
			}
			else if (WebhookFields.PHONE_NUMBER_QUALITY_UPDATE.equals(change.getField())
					|| WebhookFields.BUSINESS_CAPABILITY_UPDATE.equals(change.getField())) {
				limits.apply(change);
			}
		}
		catch (MalformedChangeException e) {
			throw new PoisonRecordException(change.getField() + " " + change.getEventId() + " is not a JSON object", e);
		}
	}
}

package io.wabaflow.sender.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.ChangeValueParser;
import io.wabaflow.metagraph.webhook.MalformedChangeException;
import io.wabaflow.metagraph.webhook.TemplateUpdate;
import io.wabaflow.metagraph.webhook.UserPreference;
import io.wabaflow.metagraph.webhook.WebhookFields;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;

/**
 * {@code wabaflow.webhooks.v1} into the template catalogue ({@code message_template_*}, {@code template_category_update})
 * and the marketing preferences ({@code user_preferences}), a poll at a time. Its own consumer group: a projection,
 * replayable at will. Other fields and other records are not this listener's business and are passed over.
 */
@Component
class TemplateListener {

	private static final Logger log = LoggerFactory.getLogger(TemplateListener.class);

	private final ChangeValueParser parser = new ChangeValueParser();

	private final TemplateStore templates;

	private final PreferenceStore preferences;

	private final TemplateSync sync;

	private final NumberRegistry registry;

	private final Clock clock;

	TemplateListener(TemplateStore templates, PreferenceStore preferences, TemplateSync sync, NumberRegistry registry,
			Clock clock) {
		this.templates = templates;
		this.preferences = preferences;
		this.sync = sync;
		this.registry = registry;
		this.clock = clock;
	}

	@KafkaListener(id = "sender-templates", groupId = ConsumerGroups.SENDER + "-templates",
			topics = "#{T(io.wabaflow.schemas.Topics).WEBHOOKS.name()}", batch = "true")
	void on(List<ConsumerRecord<String, SpecificRecord>> records) {
		List<TemplateStore.Change> changes = new ArrayList<>();
		List<PreferenceStore.Preference> stops = new ArrayList<>();
		for (ConsumerRecord<String, SpecificRecord> record : records) {
			if (!(record.value() instanceof WebhookChange change)) {
				continue; // the window listener dead-letters what is not a webhook change
			}
			try {
				if (TemplateUpdate.isTemplateField(change.getField())) {
					changes.add(new TemplateStore.Change(change.getWabaId(), tenantOf(change.getWabaId()),
							parser.templateUpdate(change.getField(), change.getValueJson()), change.getEntryTime()));
				}
				else if (WebhookFields.USER_PREFERENCES.equals(change.getField())) {
					stops.addAll(preferences(change));
				}
			}
			catch (MalformedChangeException e) {
				log.warn("Webhook change {} has a malformed value: nothing taken from it", change.getEventId());
			}
		}
		Set<String> resync = templates.apply(changes, clock.instant());
		preferences.record(stops);
		if (!resync.isEmpty()) {
			sync.stale(resync);
		}
	}

	private String tenantOf(String wabaId) {
		List<RegisteredNumber> numbers = registry.inWaba(wabaId);
		return numbers.isEmpty() ? null : numbers.get(0).tenantId();
	}

	/** A preference under every name the item gives: the phone and the business-scoped user id. */
	private List<PreferenceStore.Preference> preferences(WebhookChange change) {
		List<PreferenceStore.Preference> found = new ArrayList<>();
		String phoneNumberId = change.getPhoneNumberId();
		if (phoneNumberId == null) {
			return found;
		}
		for (UserPreference preference : parser.userPreferences(change.getValueJson())) {
			if (!UserPreference.MARKETING.equals(preference.category()) || preference.at() == null) {
				continue;
			}
			Set<String> names = new LinkedHashSet<>();
			if (preference.waId() != null && !preference.waId().isBlank()) {
				names.add(preference.waId().replaceAll("[^0-9]", ""));
			}
			if (preference.userId() != null && !preference.userId().isBlank()) {
				names.add(preference.userId().strip());
			}
			names.forEach(name -> found.add(new PreferenceStore.Preference(phoneNumberId, name, preference.optsOut(),
					preference.at())));
		}
		return found;
	}
}

package io.wabaflow.sandbox.templates;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three template webhooks, in the shapes of Meta's reference payloads (peer-webhooks 069-073): WABA-level
 * (no phone number), with the entry's {@code time}, and {@code message_template_id} as a JSON number.
 */
@Component
class TemplateWebhooks {

	private final WebhookDispatcher dispatcher;
	private final Clock clock;

	TemplateWebhooks(WebhookDispatcher dispatcher, Clock clock) {
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/** {@code {"event":<status>,"message_template_id",…,"reason","message_template_category"}}. */
	void statusUpdate(Template template) {
		ObjectNode value = Json.object();
		value.put("event", template.status());
		identify(template, value);
		value.put("reason", template.reason());
		value.put("message_template_category", template.category());
		emit("message_template_status_update", template, value);
	}

	void qualityUpdate(Template template, String previousScore) {
		ObjectNode value = Json.object();
		value.put("previous_quality_score", previousScore);
		value.put("new_quality_score", template.qualityScore());
		identify(template, value);
		emit("message_template_quality_update", template, value);
	}

	/** The "category changed" form; Meta's advance notice (correct_category + timestamp) is not modelled. */
	void categoryUpdate(Template template, String previousCategory) {
		ObjectNode value = Json.object();
		identify(template, value);
		value.put("previous_category", previousCategory);
		value.put("new_category", template.category());
		emit("template_category_update", template, value);
	}

	private static void identify(Template template, ObjectNode value) {
		value.put("message_template_id", Long.parseLong(template.id()));
		value.put("message_template_name", template.name());
		value.put("message_template_language", template.language());
	}

	private void emit(String field, Template template, ObjectNode value) {
		dispatcher.dispatch(new Webhook(field, template.wabaId(), null, value, clock.instant().getEpochSecond()));
	}
}

package io.wabaflow.sandbox.webhooks;

import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to deliver: {@code field} and its {@code value}, for a WABA (and the phone number it concerns, when
 * there is one; {@code entryTime} only for account_update and the template webhooks). {@link #envelope()} wraps
 * it exactly as Meta does [§2]:
 * {@code {"object":"whatsapp_business_account","entry":[{"id":<WABA_ID>,"changes":[{"value":…,"field":…}]}]}}.
 */
public record Webhook(String field, String wabaId, String phoneNumberId, ObjectNode value, Long entryTime) {

	public Webhook(String field, String wabaId, String phoneNumberId, ObjectNode value) {
		this(field, wabaId, phoneNumberId, value, null);
	}

	public ObjectNode envelope() {
		ObjectNode envelope = Json.object();
		envelope.put("object", "whatsapp_business_account");
		ObjectNode entry = envelope.putArray("entry").addObject();
		entry.put("id", wabaId);
		if (entryTime != null) {
			// account_update [AU] and template entries carry "time" (int unix seconds)
			entry.put("time", entryTime.longValue());
		}
		ObjectNode change = entry.putArray("changes").addObject();
		change.set("value", value);
		change.put("field", field);
		return envelope;
	}

	/** {@code {"messaging_product":"whatsapp","metadata":{"display_phone_number","phone_number_id"}}}. */
	public static ObjectNode valueFor(PhoneNumber phone) {
		ObjectNode value = Json.object();
		value.put("messaging_product", "whatsapp");
		ObjectNode metadata = value.putObject("metadata");
		metadata.put("display_phone_number", phone.displayDigits());
		metadata.put("phone_number_id", phone.id());
		return value;
	}

	public static Webhook of(String field, PhoneNumber phone, ObjectNode value) {
		return new Webhook(field, phone.wabaId(), phone.id(), value);
	}
}

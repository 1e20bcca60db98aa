package io.wabaflow.sandbox.webhooks;

import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.WhatsAppUser;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to deliver: {@code field} and its {@code value}, for a WABA (and the phone number it concerns, when
 * there is one; {@code entryTime} only for the WABA-level fields: account_update, the template webhooks,
 * business_capability_update and phone_number_quality_update). {@link #envelope()} wraps
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
			// account_update [AU], template, capability and quality entries carry "time" (int unix seconds)
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

	/**
	 * Adds the user to {@code value} the way messages, calls and user_preferences webhooks name them (facts §2.0):
	 * {@code "contacts":[{"profile":{"name","username"?},"wa_id"?,"user_id"}]}. The BSUID is always there; the phone
	 * ({@code wa_id}) is left out when {@code phoneHidden} (a username user the number has not been in touch with
	 * for 30 days). Returns the contact.
	 */
	public static ObjectNode putContact(ObjectNode value, WhatsAppUser user, String name, String username,
			boolean phoneHidden) {
		ObjectNode contact = value.putArray("contacts").addObject();
		ObjectNode profile = contact.putObject("profile").put("name", name);
		if (username != null) {
			profile.put("username", username);
		}
		if (!phoneHidden) {
			contact.put("wa_id", user.waId());
		}
		contact.put("user_id", user.bsuid());
		return contact;
	}

	public static Webhook of(String field, PhoneNumber phone, ObjectNode value) {
		return new Webhook(field, phone.wabaId(), phone.id(), value);
	}
}

package io.wabaflow.sandbox.coexistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.messages.Wamids;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenario's hands on a coexistence number's Business app: fill the address book and the chat history before
 * the sync, and change contacts afterwards (which, once contacts were synced, Meta reports at once [SSS]).
 */
@Component
public class BusinessApps {

	/**
	 * A history message as the scenario describes it. Time is {@code timestamp} (unix seconds) or
	 * {@code daysAgo} before onboarding; {@code content} is the {@code <type>} object, or {@code text} for text.
	 */
	public record HistoryEntry(String userPhone, Boolean fromBusiness, String type, String text, JsonNode content,
			Long timestamp, Double daysAgo, String status) {
	}

	private final World world;
	private final BusinessAppData data;
	private final SyncDeliveries deliveries;
	private final Wamids wamids;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;

	BusinessApps(World world, BusinessAppData data, SyncDeliveries deliveries, Wamids wamids,
			WebhookDispatcher dispatcher, Clock clock) {
		this.world = world;
		this.data = data;
		this.deliveries = deliveries;
		this.wamids = wamids;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * The business answers from the WhatsApp Business app: an {@code smb_message_echoes} webhook [ECHO]. Echoes
	 * never open or extend the service window [COEX]. {@code to} is passed through as given. Returns the wamid.
	 */
	public String echo(String phoneNumberId, String to, String type, String text, JsonNode content) {
		PhoneNumber phone = coexistence(phoneNumberId);
		if (to == null || PhoneNumber.digitsOf(to).isEmpty()) {
			throw new IllegalArgumentException("to (the user's phone number) is required");
		}
		String messageType = type == null ? "text" : type;
		String wamid = wamids.outbound(PhoneNumber.digitsOf(to));
		ObjectNode value = Webhook.valueFor(phone);
		ObjectNode echo = value.putArray("message_echoes").addObject();
		echo.put("from", phone.displayDigits());
		echo.put("to", to);
		echo.put("id", wamid);
		echo.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
		echo.put("type", messageType);
		if (content != null && !content.isNull()) {
			echo.set(messageType, content.deepCopy());
		}
		else if (messageType.equals("text") && text != null) {
			echo.putObject("text").put("body", text);
		}
		else {
			throw new IllegalArgumentException("content (the " + messageType + " object) is required");
		}
		dispatcher.dispatch(Webhook.of("smb_message_echoes", phone, value));
		return wamid;
	}

	public void putContacts(String phoneNumberId, List<BusinessAppData.AppContact> contacts) {
		PhoneNumber phone = coexistence(phoneNumberId);
		for (BusinessAppData.AppContact contact : contacts) {
			BusinessAppData.AppContact normalized = new BusinessAppData.AppContact(
					PhoneNumber.digitsOf(contact.phoneNumber()), contact.fullName(), contact.firstName());
			if (normalized.phoneNumber().isEmpty()) {
				throw new IllegalArgumentException("phoneNumber is required for every contact");
			}
			data.putContact(phone.id(), normalized);
			if (data.requested(phone.id(), SmbAppDataController.CONTACTS)) {
				deliveries.contactChanged(phone, normalized, "add");
			}
		}
	}

	public boolean removeContact(String phoneNumberId, String contactPhone) {
		PhoneNumber phone = coexistence(phoneNumberId);
		var removed = data.removeContact(phone.id(), PhoneNumber.digitsOf(contactPhone));
		removed.filter(contact -> data.requested(phone.id(), SmbAppDataController.CONTACTS))
				.ifPresent(contact -> deliveries.contactChanged(phone, contact, "remove"));
		return removed.isPresent();
	}

	public List<BusinessAppData.HistoryMessage> addHistory(String phoneNumberId, List<HistoryEntry> entries) {
		PhoneNumber phone = coexistence(phoneNumberId);
		List<BusinessAppData.HistoryMessage> messages = new ArrayList<>();
		for (HistoryEntry entry : entries) {
			String user = PhoneNumber.digitsOf(entry.userPhone());
			if (user.isEmpty()) {
				throw new IllegalArgumentException("userPhone is required for every history message");
			}
			String type = entry.type() == null ? "text" : entry.type();
			JsonNode content = entry.content();
			if (content == null && type.equals("text")) {
				ObjectNode text = JsonNodeFactory.instance.objectNode();
				text.put("body", entry.text() == null ? "" : entry.text());
				content = text;
			}
			Instant at = entry.timestamp() != null ? Instant.ofEpochSecond(entry.timestamp())
					: phone.onboardedAt().minus(Duration.ofSeconds(
							Math.round((entry.daysAgo() == null ? 0.0 : entry.daysAgo()) * 86_400)));
			boolean fromBusiness = entry.fromBusiness() != null && entry.fromBusiness();
			messages.add(new BusinessAppData.HistoryMessage(user, fromBusiness,
					fromBusiness ? wamids.outbound(user) : wamids.inbound(user), at, type, content,
					entry.status() == null ? (fromBusiness ? "READ" : "DELIVERED") : entry.status()));
		}
		data.addHistory(phone.id(), messages);
		return messages;
	}

	public BusinessAppData.Settings settings(String phoneNumberId, Boolean historyShared, Integer contactsPerWebhook,
			Integer messagesPerChunk) {
		PhoneNumber phone = coexistence(phoneNumberId);
		BusinessAppData.Settings current = data.settings(phone.id());
		BusinessAppData.Settings next = new BusinessAppData.Settings(
				historyShared == null ? current.historyShared() : historyShared,
				contactsPerWebhook == null ? current.contactsPerWebhook() : contactsPerWebhook,
				messagesPerChunk == null ? current.messagesPerChunk() : messagesPerChunk);
		data.settings(phone.id(), next);
		return next;
	}

	public BusinessAppData data() {
		return data;
	}

	private PhoneNumber coexistence(String phoneNumberId) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		if (!phone.coexistence()) {
			throw new IllegalArgumentException("phone number " + phoneNumberId + " is not a coexistence number");
		}
		return phone;
	}
}

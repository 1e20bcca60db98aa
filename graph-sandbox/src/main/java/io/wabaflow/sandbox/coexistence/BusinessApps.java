package io.wabaflow.sandbox.coexistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.messages.Wamids;
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

	BusinessApps(World world, BusinessAppData data, SyncDeliveries deliveries, Wamids wamids) {
		this.world = world;
		this.data = data;
		this.deliveries = deliveries;
		this.wamids = wamids;
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
		PhoneNumber phone = world.phone(phoneNumberId)
				.orElseThrow(() -> new NoSuchElementException("no phone number " + phoneNumberId));
		if (!phone.coexistence()) {
			throw new IllegalArgumentException("phone number " + phoneNumberId + " is not a coexistence number");
		}
		return phone;
	}
}

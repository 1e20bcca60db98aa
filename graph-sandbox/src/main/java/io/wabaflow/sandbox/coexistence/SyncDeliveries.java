package io.wabaflow.sandbox.coexistence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.ErrorBodies;
import io.wabaflow.sandbox.runtime.Generation;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers what a sync request asked for: the address book as {@code smb_app_state_sync} webhooks [SSS], the chat
 * history as {@code history} webhooks in phases and chunks [HIST] (with the separate media webhooks for media of
 * the last 14 days), or one {@code history} webhook with error 2593109 when the business declined.
 */
@Component
class SyncDeliveries {

	private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

	private final SandboxProperties properties;
	private final BusinessAppData apps;
	private final WebhookDispatcher dispatcher;
	private final ScheduledExecutorService scheduler;
	private final Generation generation;
	private final Clock clock;

	SyncDeliveries(SandboxProperties properties, BusinessAppData apps, WebhookDispatcher dispatcher,
			ScheduledExecutorService sandboxScheduler, Generation generation, Clock clock) {
		this.properties = properties;
		this.apps = apps;
		this.dispatcher = dispatcher;
		this.scheduler = sandboxScheduler;
		this.generation = generation;
		this.clock = clock;
	}

	void contacts(PhoneNumber phone) {
		int perWebhook = or(apps.settings(phone.id()).contactsPerWebhook(), properties.sync().contactsPerWebhook());
		List<BusinessAppData.AppContact> contacts = apps.contacts(phone.id());
		List<Webhook> webhooks = new ArrayList<>();
		for (int from = 0; from < contacts.size(); from += perWebhook) {
			List<BusinessAppData.AppContact> batch = contacts.subList(from, Math.min(contacts.size(), from + perWebhook));
			ObjectNode value = Webhook.valueFor(phone);
			ArrayNode sync = value.putArray("state_sync");
			batch.forEach(contact -> sync.add(stateSync(contact, "add")));
			webhooks.add(Webhook.of("smb_app_state_sync", phone, value));
		}
		sendSpaced(webhooks);
	}

	/** A change in the Business app after the contacts sync: delivered at once. */
	void contactChanged(PhoneNumber phone, BusinessAppData.AppContact contact, String action) {
		ObjectNode value = Webhook.valueFor(phone);
		value.putArray("state_sync").add(stateSync(contact, action));
		dispatcher.dispatch(Webhook.of("smb_app_state_sync", phone, value));
	}

	private ObjectNode stateSync(BusinessAppData.AppContact contact, String action) {
		ObjectNode entry = io.wabaflow.sandbox.runtime.Json.object();
		entry.put("type", "contact");
		ObjectNode details = entry.putObject("contact");
		// names are "Not included when the business customer removes a contact" [SSS]
		if (!action.equals("remove")) {
			if (contact.fullName() != null) {
				details.put("full_name", contact.fullName());
			}
			if (contact.firstName() != null) {
				details.put("first_name", contact.firstName());
			}
		}
		details.put("phone_number", contact.phoneNumber());
		entry.put("action", action);
		entry.putObject("metadata").put("timestamp", Long.toString(clock.instant().getEpochSecond()));
		return entry;
	}

	void history(PhoneNumber phone) {
		BusinessAppData.Settings settings = apps.settings(phone.id());
		if (!settings.historyShared()) {
			ObjectNode value = Webhook.valueFor(phone);
			ObjectNode item = value.putArray("history").addObject();
			item.set("errors", ErrorBodies.webhookErrors(2593109, "History sharing is turned off by the business"));
			sendSpaced(List.of(Webhook.of("history", phone, value)));
			return;
		}
		int perChunk = or(settings.messagesPerChunk(), properties.sync().messagesPerChunk());
		List<Webhook> webhooks = new ArrayList<>();
		for (HistoryPlan.Chunk chunk : HistoryPlan.chunks(apps.history(phone.id()), phone.onboardedAt(), perChunk)) {
			webhooks.add(Webhook.of("history", phone, chunkValue(phone, chunk)));
			List<BusinessAppData.HistoryMessage> recentMedia = chunk.messages().stream()
					.filter(message -> MEDIA.contains(message.type()))
					.filter(message -> !message.timestamp().isBefore(phone.onboardedAt().minus(Duration.ofDays(14))))
					.toList();
			if (!recentMedia.isEmpty()) {
				webhooks.add(Webhook.of("history", phone, mediaValue(phone, recentMedia)));
			}
		}
		sendSpaced(webhooks);
	}

	private ObjectNode chunkValue(PhoneNumber phone, HistoryPlan.Chunk chunk) {
		ObjectNode value = Webhook.valueFor(phone);
		ObjectNode item = value.putArray("history").addObject();
		ObjectNode metadata = item.putObject("metadata");
		metadata.put("phase", chunk.phase());
		metadata.put("chunk_order", chunk.chunkOrder());
		metadata.put("progress", chunk.progress());
		Map<String, ArrayNode> threads = new LinkedHashMap<>();
		ArrayNode threadArray = item.putArray("threads");
		for (BusinessAppData.HistoryMessage message : chunk.messages()) {
			ArrayNode messages = threads.computeIfAbsent(message.userPhone(), user -> {
				ObjectNode thread = threadArray.addObject();
				thread.put("id", user);
				return thread.putArray("messages");
			});
			ObjectNode out = messages.addObject();
			out.put("from", message.fromBusiness() ? phone.displayDigits() : message.userPhone());
			if (message.fromBusiness()) {
				out.put("to", message.userPhone());
			}
			out.put("id", message.id());
			out.put("timestamp", Long.toString(message.timestamp().getEpochSecond()));
			if (MEDIA.contains(message.type())) {
				// media arrive as placeholders; their content comes in a separate webhook [HIST]
				out.put("type", "media_placeholder");
			}
			else {
				out.put("type", message.type());
				if (message.content() != null) {
					out.set(message.type(), message.content().deepCopy());
				}
			}
			out.putObject("history_context").put("status", message.status());
		}
		return value;
	}

	private ObjectNode mediaValue(PhoneNumber phone, List<BusinessAppData.HistoryMessage> media) {
		ObjectNode value = Webhook.valueFor(phone);
		ArrayNode messages = value.putArray("messages");
		for (BusinessAppData.HistoryMessage message : media) {
			ObjectNode out = messages.addObject();
			out.put("from", message.fromBusiness() ? phone.displayDigits() : message.userPhone());
			out.put("id", message.id());
			out.put("timestamp", Long.toString(message.timestamp().getEpochSecond()));
			out.put("type", message.type());
			if (message.content() != null) {
				out.set(message.type(), message.content().deepCopy());
			}
		}
		return value;
	}

	/** One webhook per {@code chunk-interval}, in order, so that only chaos rules reorder them. */
	private void sendSpaced(List<Webhook> webhooks) {
		long scheduledIn = generation.current();
		long interval = properties.sync().chunkInterval().toMillis();
		for (int i = 0; i < webhooks.size(); i++) {
			Webhook webhook = webhooks.get(i);
			scheduler.schedule(() -> {
				if (generation.isCurrent(scheduledIn)) {
					dispatcher.dispatch(webhook);
				}
			}, interval * (i + 1), TimeUnit.MILLISECONDS);
		}
	}

	private static int or(Integer value, int fallback) {
		return value == null || value < 1 ? fallback : value;
	}
}

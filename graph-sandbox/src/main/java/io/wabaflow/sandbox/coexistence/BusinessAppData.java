package io.wabaflow.sandbox.coexistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import tools.jackson.databind.JsonNode;

/**
 * What lives on a coexistence number's WhatsApp Business app before the partner syncs it: the address book, the
 * chat history, whether the business agreed to share history, and the sync requests already made (each type is
 * one-shot [COEX]). Chunk sizes can be set per number to make a small history arrive in several webhooks.
 */
@Component
public class BusinessAppData implements Resettable {

	public record AppContact(String phoneNumber, String fullName, String firstName) {
	}

	/**
	 * One message of a 1:1 chat. {@code content} is the {@code <type>} object (for text, {@code {"body":…}}),
	 * {@code status} the {@code history_context.status} (DELIVERED, ERROR, PENDING, PLAYED, READ, SENT).
	 */
	public record HistoryMessage(String userPhone, boolean fromBusiness, String id, Instant timestamp, String type,
			JsonNode content, String status) {
	}

	/** {@code historyShared=false}: the business declined, the history sync answers with error 2593109. */
	public record Settings(boolean historyShared, Integer contactsPerWebhook, Integer messagesPerChunk) {
	}

	static final class App {

		final Map<String, AppContact> contacts = new LinkedHashMap<>();
		final List<HistoryMessage> history = new ArrayList<>();
		Settings settings = new Settings(true, null, null);
		final Map<String, String> requests = new LinkedHashMap<>();
	}

	private final Map<String, App> apps = new ConcurrentHashMap<>();

	@Override
	public void reset() {
		apps.clear();
	}

	private App app(String phoneNumberId) {
		return apps.computeIfAbsent(phoneNumberId, id -> new App());
	}

	public void putContact(String phoneNumberId, AppContact contact) {
		App app = app(phoneNumberId);
		synchronized (app) {
			app.contacts.put(contact.phoneNumber(), contact);
		}
	}

	public Optional<AppContact> removeContact(String phoneNumberId, String phoneNumber) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return Optional.ofNullable(app.contacts.remove(phoneNumber));
		}
	}

	public void addHistory(String phoneNumberId, List<HistoryMessage> messages) {
		App app = app(phoneNumberId);
		synchronized (app) {
			app.history.addAll(messages);
		}
	}

	public void settings(String phoneNumberId, Settings settings) {
		App app = app(phoneNumberId);
		synchronized (app) {
			app.settings = settings;
		}
	}

	public Settings settings(String phoneNumberId) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return app.settings;
		}
	}

	List<AppContact> contacts(String phoneNumberId) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return List.copyOf(app.contacts.values());
		}
	}

	List<HistoryMessage> history(String phoneNumberId) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return List.copyOf(app.history);
		}
	}

	/** Records a sync request; false when this sync type was already requested (2593107). */
	boolean request(String phoneNumberId, String syncType, String requestId) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return app.requests.putIfAbsent(syncType, requestId) == null;
		}
	}

	public boolean requested(String phoneNumberId, String syncType) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return app.requests.containsKey(syncType);
		}
	}

	public Map<String, String> requests(String phoneNumberId) {
		App app = app(phoneNumberId);
		synchronized (app) {
			return Map.copyOf(app.requests);
		}
	}
}

package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.WhatsAppUser;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WhatsApp user writes to a business number: the sandbox opens (or resets) the service window and delivers the
 * {@code messages} webhook [§2.1]. The message content is a text body, or any {@code <type>} object the scenario
 * supplies (image, location, interactive reply, reaction, ...), passed through as given.
 */
@Component
public class InboundMessages implements Resettable {

	/**
	 * {@code content} is the {@code <type>} object; for text, {@code text} alone is enough. A {@code username} makes
	 * the user one with a WhatsApp username; {@code phoneHidden} then leaves their phone out of the webhook (no
	 * {@code wa_id}, no {@code from}: only the BSUID), as Meta does for a username user the business number has not
	 * exchanged messages with in 30 days (facts §2.0). A {@code groupId} makes it a message in that group chat.
	 */
	public record Inbound(String from, String name, String type, String text, JsonNode content,
			String contextMessageId, Long timestamp, String username, boolean phoneHidden, String groupId) {
	}

	/** @param userId the user's BSUID, which the webhook carried */
	public record Injected(String wamid, String waId, String userId, Instant at, List<String> deliveryIds) {
	}

	private final World world;
	private final ServiceWindows windows;
	private final Wamids wamids;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;
	private final Map<String, String> inboundWamids = new ConcurrentHashMap<>();

	InboundMessages(World world, ServiceWindows windows, Wamids wamids, WebhookDispatcher dispatcher, Clock clock) {
		this.world = world;
		this.windows = windows;
		this.wamids = wamids;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@Override
	public void reset() {
		inboundWamids.clear();
	}

	public Injected inject(String phoneNumberId, Inbound inbound) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		WhatsAppUser user = world.requireUser(inbound.from());
		String name = inbound.name() != null ? inbound.name() : user.name();
		String type = inbound.type() == null ? "text" : inbound.type();
		Instant now = clock.instant();
		long timestamp = inbound.timestamp() != null ? inbound.timestamp() : now.getEpochSecond();
		String wamid = wamids.inbound(user.waId());

		ObjectNode value = Webhook.valueFor(phone);
		Webhook.putContact(value, user, name, inbound.username(), inbound.phoneHidden());
		ObjectNode message = value.putArray("messages").addObject();
		if (!inbound.phoneHidden()) {
			message.put("from", user.phone());
		}
		message.put("from_user_id", user.bsuid());
		if (inbound.groupId() != null) {
			message.put("group_id", inbound.groupId());
		}
		message.put("id", wamid);
		message.put("timestamp", Long.toString(timestamp));
		if (inbound.contextMessageId() != null) {
			ObjectNode context = message.putObject("context");
			context.put("from", phone.displayDigits());
			context.put("id", inbound.contextMessageId());
		}
		message.put("type", type);
		if (inbound.content() != null && !inbound.content().isNull()) {
			message.set(type, inbound.content().deepCopy());
		}
		else if (type.equals("text")) {
			if (inbound.text() == null) {
				throw new IllegalArgumentException("text is required for a text message");
			}
			message.putObject("text").put("body", inbound.text());
		}
		else {
			throw new IllegalArgumentException("content (the " + type + " object) is required for type " + type);
		}

		// every user message counts, whatever its type; whether reactions and edits reset the window is UNCONFIRMED
		windows.userMessaged(phone.id(), user.waId(), now);
		world.sawUser(user);
		inboundWamids.put(wamid, phone.id());
		List<String> deliveries = dispatcher.dispatch(Webhook.of("messages", phone, value));
		return new Injected(wamid, user.waId(), user.bsuid(), now, deliveries);
	}

	/** Whether a wamid is a user message received on this number (what mark-as-read may refer to). */
	boolean received(String phoneNumberId, String wamid) {
		return phoneNumberId.equals(inboundWamids.get(wamid));
	}
}

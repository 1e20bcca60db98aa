package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Choices;
import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.WhatsAppUser;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a WhatsApp user does to a business number besides writing, delivered as Meta does: a marketing preference
 * ({@code user_preferences}, peer-webhooks 067/068) and a call ({@code calls}, 059/061). Both name the user in
 * {@code contacts[]} as a message does (the BSUID always, the phone unless hidden). A call opens or resets the
 * service window like a message ("messages you or calls you" [§4.3]).
 */
@Component
public class UserEvents implements Resettable {

	public static final List<String> PREFERENCES = List.of("stop", "resume", "signup");
	public static final List<String> PREFERENCE_CATEGORIES = List.of("marketing_messages");
	public static final List<String> CALL_EVENTS = List.of("connect", "terminate");
	public static final List<String> CALL_OUTCOMES = List.of("COMPLETED", "FAILED");

	private static final Map<String, String> DETAILS = Map.of(
			"stop", "User requested to stop marketing messages",
			"resume", "User requested to resume marketing messages",
			"signup", "User signed up via signup link");

	/** Meta's examples carry an RFC 8866 SDP; the sandbox's offer is a minimal, media-less one. */
	private static final String SDP_OFFER = "v=0\r\no=- 0 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
			+ "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";

	/** {@code category} defaults to marketing_messages; {@code phoneHidden} leaves the phone out (no wa_id). */
	public record Preference(String from, String name, String username, boolean phoneHidden, String value,
			String category) {
	}

	/** @param signupId only for {@code signup} */
	public record PreferenceSent(String userId, String signupId, List<String> deliveryIds) {
	}

	/**
	 * A user-initiated call. {@code callId} names the call a terminate ends (default: a new id);
	 * {@code status} (COMPLETED, default, or FAILED) and {@code durationSeconds} apply to terminate only.
	 */
	public record Call(String from, String name, String event, String callId, String status,
			Integer durationSeconds) {
	}

	public record CallSent(String callId, String userId, List<String> deliveryIds) {
	}

	private record Connected(String phoneNumberId, String waId, Instant at) {
	}

	private final World world;
	private final ServiceWindows windows;
	private final Wamids wamids;
	private final SandboxRandom random;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;
	private final Map<String, Connected> connected = new ConcurrentHashMap<>();

	UserEvents(World world, ServiceWindows windows, Wamids wamids, SandboxRandom random,
			WebhookDispatcher dispatcher, Clock clock) {
		this.world = world;
		this.windows = windows;
		this.wamids = wamids;
		this.random = random;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@Override
	public void reset() {
		connected.clear();
	}

	/**
	 * {@code user_preferences}: {@code contacts[]} and
	 * {@code user_preferences[{wa_id?,user_id,detail,category,value,signup_id?,timestamp}]}, the timestamp a JSON
	 * number as in Meta's examples.
	 */
	public PreferenceSent preference(String phoneNumberId, Preference preference) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		WhatsAppUser user = world.requireUser(preference.from());
		String value = Choices.oneOf("value", preference.value(), PREFERENCES);
		String category = Choices.oneOf("category",
				preference.category() == null ? PREFERENCE_CATEGORIES.get(0) : preference.category(),
				PREFERENCE_CATEGORIES);

		ObjectNode body = Webhook.valueFor(phone);
		Webhook.putContact(body, user, nameOf(user, preference.name()), preference.username(),
				preference.phoneHidden());
		ObjectNode item = body.putArray("user_preferences").addObject();
		if (!preference.phoneHidden()) {
			item.put("wa_id", user.waId());
		}
		item.put("user_id", user.bsuid());
		item.put("detail", DETAILS.get(value));
		item.put("category", category);
		item.put("value", value);
		String signupId = value.equals("signup") ? random.digits(17) : null;
		if (signupId != null) {
			item.put("signup_id", signupId);
		}
		item.put("timestamp", clock.instant().getEpochSecond());
		world.sawUser(user);
		return new PreferenceSent(user.bsuid(), signupId,
				dispatcher.dispatch(Webhook.of("user_preferences", phone, body)));
	}

	/**
	 * {@code calls}: {@code contacts[]} and {@code calls[{id,to,from,event,timestamp,direction,…}]}, with an SDP
	 * offer ({@code session}) on connect and {@code status,start_time,end_time,duration} on terminate. The duration
	 * is {@code durationSeconds}, else the sandbox time since this call's connect (0 for a call it never saw).
	 */
	public CallSent call(String phoneNumberId, Call call) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		WhatsAppUser user = world.requireUser(call.from());
		String event = Choices.oneOf("event", call.event(), CALL_EVENTS);
		boolean connect = event.equals("connect");
		if (connect && (call.status() != null || call.durationSeconds() != null)) {
			throw new IllegalArgumentException("status and durationSeconds apply to terminate only");
		}
		if (call.durationSeconds() != null && call.durationSeconds() < 0) {
			throw new IllegalArgumentException("durationSeconds must not be negative");
		}
		String callId = call.callId() == null || call.callId().isBlank() ? wamids.call(user.waId()) : call.callId();
		// whole seconds, so that duration = end_time - start_time
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

		ObjectNode body = Webhook.valueFor(phone);
		Webhook.putContact(body, user, nameOf(user, call.name()), null, false);
		ObjectNode item = body.putArray("calls").addObject();
		item.put("id", callId);
		item.put("to", phone.displayDigits());
		item.put("from", user.phone());
		item.put("event", event);
		if (connect) {
			item.put("timestamp", Long.toString(now.getEpochSecond()));
			item.put("direction", "USER_INITIATED");
			item.putObject("session").put("sdp_type", "offer").put("sdp", SDP_OFFER);
			connected.put(callId, new Connected(phone.id(), user.waId(), now));
			windows.userMessaged(phone.id(), user.waId(), now);
		}
		else {
			String status = Choices.oneOf("status", call.status() == null ? "COMPLETED" : call.status(),
					CALL_OUTCOMES);
			Instant start = call.durationSeconds() != null ? now.minusSeconds(call.durationSeconds())
					: connectedAt(callId, phone, user, now);
			connected.remove(callId);
			item.put("direction", "USER_INITIATED");
			item.put("timestamp", Long.toString(now.getEpochSecond()));
			item.put("status", status);
			item.put("start_time", Long.toString(start.getEpochSecond()));
			item.put("end_time", Long.toString(now.getEpochSecond()));
			item.put("duration", (int) Duration.between(start, now).toSeconds());
		}
		world.sawUser(user);
		return new CallSent(callId, user.bsuid(), dispatcher.dispatch(Webhook.of("calls", phone, body)));
	}

	private Instant connectedAt(String callId, PhoneNumber phone, WhatsAppUser user, Instant now) {
		Connected call = connected.get(callId);
		if (call == null) {
			return now;
		}
		if (!call.phoneNumberId().equals(phone.id()) || !call.waId().equals(user.waId())) {
			throw new IllegalArgumentException("call " + callId + " is between phone number " + call.phoneNumberId()
					+ " and wa_id " + call.waId());
		}
		return call.at();
	}

	private static String nameOf(WhatsAppUser user, String name) {
		return name != null ? name : user.name();
	}
}

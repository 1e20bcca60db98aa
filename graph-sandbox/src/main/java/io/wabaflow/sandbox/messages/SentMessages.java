package io.wabaflow.sandbox.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import tools.jackson.databind.JsonNode;

/** Every message the API accepted, with the statuses emitted for it, so a test can see what its client sent. */
@Component
public class SentMessages implements Resettable {

	private static final int KEEP = 20_000;

	public record StatusView(String status, Instant at, Integer errorCode) {
	}

	public record SentMessageView(String wamid, String phoneNumberId, String to, String waId, String type,
			Instant acceptedAt, List<StatusView> statuses, JsonNode request) {
	}

	static final class Sent {

		final String wamid;
		final String phoneNumberId;
		final String to;
		final String waId;
		final String type;
		final Instant acceptedAt;
		final JsonNode request;
		private final List<StatusView> statuses = new ArrayList<>();

		Sent(String wamid, String phoneNumberId, String to, String waId, String type, Instant acceptedAt,
				JsonNode request) {
			this.wamid = wamid;
			this.phoneNumberId = phoneNumberId;
			this.to = to;
			this.waId = waId;
			this.type = type;
			this.acceptedAt = acceptedAt;
			this.request = request;
		}

		synchronized void status(StatusView status) {
			statuses.add(status);
		}

		synchronized SentMessageView view() {
			return new SentMessageView(wamid, phoneNumberId, to, waId, type, acceptedAt, List.copyOf(statuses),
					request);
		}
	}

	private final ConcurrentLinkedDeque<Sent> order = new ConcurrentLinkedDeque<>();

	// ConcurrentLinkedDeque.size() walks the whole deque: at KEEP entries it cost a fifth of a send's CPU
	private final AtomicInteger size = new AtomicInteger();
	private final Map<String, Sent> byWamid = new ConcurrentHashMap<>();

	@Override
	public void reset() {
		order.clear();
		size.set(0);
		byWamid.clear();
	}

	Sent record(String wamid, String phoneNumberId, String to, String waId, String type, Instant at,
			JsonNode request) {
		Sent sent = new Sent(wamid, phoneNumberId, to, waId, type, at, request.deepCopy());
		order.addLast(sent);
		byWamid.put(wamid, sent);
		if (size.incrementAndGet() > KEEP) {
			Sent dropped = order.pollFirst();
			if (dropped != null) {
				size.decrementAndGet();
				byWamid.remove(dropped.wamid);
			}
		}
		return sent;
	}

	public List<SentMessageView> list(String phoneNumberId) {
		return order.stream().filter(s -> phoneNumberId == null || s.phoneNumberId.equals(phoneNumberId))
				.map(Sent::view).toList();
	}

	public java.util.Optional<SentMessageView> find(String wamid) {
		return java.util.Optional.ofNullable(byWamid.get(wamid)).map(Sent::view);
	}
}

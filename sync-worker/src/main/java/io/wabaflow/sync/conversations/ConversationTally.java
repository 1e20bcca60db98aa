package io.wabaflow.sync.conversations;

import java.util.ArrayList;
import java.util.List;

import io.wabaflow.sync.identity.ConversationKey;

/**
 * One conversation's aggregates, counted from all its content messages (never incremented on arrival: see
 * {@link ConversationRecompute}). Feed it every message of the conversation, in any order.
 */
final class ConversationTally {

	/**
	 * One content message of the conversation, as the recompute reads it.
	 *
	 * @param refused a command the sender rejected or that failed at Meta: listed with the messages, but never sent,
	 *                so it neither counts nor answers the user (the unread count stays)
	 */
	record Message(String messageId, String direction, String origin, String sender, long sentAtMs, String type,
			boolean group, boolean markedRead, boolean refused) {
	}

	private final ConversationKey key;

	private boolean group;

	private int messages;

	private int inbound;

	private int outbound;

	private int fromContact;

	private int fromAgent;

	private int fromBot;

	private int fromSystem;

	private int fromBusinessApp;

	private int history;

	private Message last;

	private Long lastInboundAt;

	private Long lastUserMessageAt;

	private Long lastOutboundAt;

	private Long lastAgentAt;

	private Long lastBusinessAppAt;

	private Long readUpTo;

	private final List<Long> liveInbound = new ArrayList<>();

	ConversationTally(ConversationKey key) {
		this.key = key;
	}

	void add(Message message) {
		if (message.refused()) {
			return;
		}
		group |= message.group();
		messages++;
		switch (message.sender() == null ? "" : message.sender()) {
			case "contact" -> fromContact++;
			case "agent" -> {
				fromAgent++;
				lastAgentAt = max(lastAgentAt, message.sentAtMs());
			}
			case "bot" -> fromBot++;
			case "system" -> fromSystem++;
			case "business_app" -> {
				fromBusinessApp++;
				lastBusinessAppAt = max(lastBusinessAppAt, message.sentAtMs());
			}
			default -> {
				// counted in the totals only
			}
		}
		if ("history".equals(message.origin())) {
			history++;
		}
		long at = message.sentAtMs();
		if ("inbound".equals(message.direction())) {
			inbound++;
			lastInboundAt = max(lastInboundAt, at);
			if ("cloud_api".equals(message.origin())) {
				// only a live message from the user opens the 24-hour window
				lastUserMessageAt = max(lastUserMessageAt, at);
				liveInbound.add(at);
			}
		}
		else if ("outbound".equals(message.direction())) {
			outbound++;
			lastOutboundAt = max(lastOutboundAt, at);
		}
		if (message.markedRead()) {
			readUpTo = max(readUpTo, at);
		}
		if (last == null || at > last.sentAtMs()
				|| (at == last.sentAtMs() && message.messageId().compareTo(last.messageId()) > 0)) {
			last = message;
		}
	}

	/** Live inbound messages after both the last outbound message and the last one the business marked read. */
	int unread() {
		long after = Math.max(lastOutboundAt == null ? Long.MIN_VALUE : lastOutboundAt,
				readUpTo == null ? Long.MIN_VALUE : readUpTo);
		return (int) liveInbound.stream().filter(at -> at > after).count();
	}

	private static Long max(Long current, long candidate) {
		return current == null || candidate > current ? candidate : current;
	}

	ConversationKey key() {
		return key;
	}

	boolean group() {
		return group;
	}

	int messages() {
		return messages;
	}

	int inbound() {
		return inbound;
	}

	int outbound() {
		return outbound;
	}

	int fromContact() {
		return fromContact;
	}

	int fromAgent() {
		return fromAgent;
	}

	int fromBot() {
		return fromBot;
	}

	int fromSystem() {
		return fromSystem;
	}

	int fromBusinessApp() {
		return fromBusinessApp;
	}

	int history() {
		return history;
	}

	Message last() {
		return last;
	}

	Long lastInboundAt() {
		return lastInboundAt;
	}

	Long lastUserMessageAt() {
		return lastUserMessageAt;
	}

	/** The last message an agent sent through the API. */
	Long lastAgentAt() {
		return lastAgentAt;
	}

	/** The last message the business sent from the WhatsApp Business app (echoes, history). */
	Long lastBusinessAppAt() {
		return lastBusinessAppAt;
	}
}

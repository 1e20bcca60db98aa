package io.wabaflow.sender.send;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.wabaflow.metagraph.message.MessageContentValidator;
import io.wabaflow.metagraph.message.OutboundMessageType;
import io.wabaflow.metagraph.message.Violation;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;

/**
 * What must hold before a command may be sent: a tenant, and a number that tenant owns (checked first, so
 * another tenant's number is never looked at further: it is rejected exactly like an unknown one); an active
 * number; content that follows Meta's
 * documented rules (the ingress's rules: meta-graph's {@link MessageContentValidator}); and, for
 * free-form messages, an open customer service window.
 */
final class CommandRules {

	/** Meta's limit for {@code biz_opaque_callback_data} (facts file 4.1). */
	static final int BIZ_OPAQUE_MAX = 512;

	private final MessageContentValidator validator = new MessageContentValidator();

	private final NumberRegistry registry;

	private final Duration serviceWindow;

	private final StoredMediaSends storedMedia;

	CommandRules(NumberRegistry registry, Duration serviceWindow, StoredMediaSends storedMedia) {
		this.registry = registry;
		this.serviceWindow = serviceWindow;
		this.storedMedia = storedMedia;
	}

	/** The tenant, number and content rules; empty when the command may go on to the window check. */
	Optional<Rejection> check(String tenantId, String phoneNumberId, MessageType type, String to, String contentJson,
			String replyTo, String bizOpaqueCallbackData) {
		if (tenantId == null || tenantId.isBlank()) {
			return Optional.of(Rejection.tenantRequired());
		}
		Optional<RegisteredNumber> number = registry.find(phoneNumberId).filter(n -> n.ownedBy(tenantId));
		if (number.isEmpty()) {
			return Optional.of(Rejection.unknownNumber(phoneNumberId));
		}
		if (!number.get().active()) {
			return Optional.of(new Rejection(Rejection.NUMBER_DISCONNECTED, "Phone number " + phoneNumberId + " is "
					+ number.get().status().name().toLowerCase(Locale.ROOT)
					+ ": it sends nothing until it is reconnected (or onboarded again)"));
		}
		OutboundMessageType outbound = OutboundMessageType.valueOf(type.name());
		String content = contentJson;
		if (storedMedia.named(type.name(), contentJson).isPresent()) {
			Optional<Rejection> stored = storedMedia.check(type.name(), contentJson);
			if (stored.isPresent()) {
				return stored;
			}
			content = storedMedia.forValidation(contentJson);
		}
		List<Violation> violations = validator.validate(outbound, content);
		if (!violations.isEmpty()) {
			return Optional.of(Rejection.invalid(violations.stream().map(v -> v.path() + " " + v.message())
					.collect(Collectors.joining("; "))));
		}
		if (outbound != OutboundMessageType.MARK_READ) {
			if (to == null || to.isBlank()) {
				return Optional.of(Rejection.invalid("to is required: the user's phone number (wa_id) or their "
						+ "business-scoped user id (user_id, e.g. US.13491208655302741918)"));
			}
			if (Recipients.isBsuid(to) ? !Recipients.validBsuid(to) : Recipients.key(to).length() < 5) {
				return Optional.of(Rejection.invalid("to must be a phone number in international format (digits, "
						+ "+ and spaces allowed) or a business-scoped user id such as US.13491208655302741918, got '"
						+ to + "'"));
			}
		}
		if (replyTo != null && outbound == OutboundMessageType.REACTION) {
			return Optional.of(Rejection.invalid("reply_to: a reaction cannot be a reply (Meta)"));
		}
		if (bizOpaqueCallbackData != null && bizOpaqueCallbackData.length() > BIZ_OPAQUE_MAX) {
			return Optional.of(Rejection.invalid("biz_opaque_callback_data is longer than " + BIZ_OPAQUE_MAX));
		}
		return Optional.empty();
	}

	/**
	 * Templates may always be sent and marking a message read is not a message; everything else is
	 * free-form, which Meta only allows within the customer service window.
	 */
	static boolean needsWindow(String messageType) {
		return !MessageType.TEMPLATE.name().equals(messageType) && !MessageType.MARK_READ.name().equals(messageType);
	}

	/** Whether the user's last message (null: never) still opens the customer service window at {@code now}. */
	boolean windowOpen(Instant lastInbound, Instant now) {
		return lastInbound != null && lastInbound.plus(serviceWindow).isAfter(now);
	}

	/** The window rejection, if the recipient's last message is older than the window (or never came). */
	Optional<Rejection> window(String messageType, Instant lastInbound, Instant now) {
		if (!needsWindow(messageType)) {
			return Optional.empty();
		}
		if (lastInbound == null) {
			return Optional.of(Rejection.windowClosed("The recipient has not written to this number: free-form "
					+ "messages need an open customer service window; send a template."));
		}
		if (!lastInbound.plus(serviceWindow).isAfter(now)) {
			return Optional.of(Rejection.windowClosed("The recipient last wrote at " + lastInbound + ", more than "
					+ serviceWindow.toHours() + " h ago: send a template."));
		}
		return Optional.empty();
	}
}

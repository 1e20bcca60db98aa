package io.wabaflow.ingress.command;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wabaflow.ingress.IngressProperties;
import io.wabaflow.metagraph.message.MessageContentValidator;
import io.wabaflow.metagraph.message.OutboundMessageType;
import io.wabaflow.metagraph.message.Violation;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.onboarding.StartOnboarding;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.send.SenderKind;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns command requests into their Avro records, with the checks the annotations cannot express
 * (message content by type, header formats). Each record is built for a command id, known only once the
 * idempotency key has been looked at.
 */
final class CommandRequests {

	/** The types of the HTTP API, Meta's names. */
	static final List<OutboundMessageType> MESSAGE_TYPES = List.of(OutboundMessageType.TEXT, OutboundMessageType.IMAGE,
			OutboundMessageType.DOCUMENT, OutboundMessageType.AUDIO, OutboundMessageType.VIDEO,
			OutboundMessageType.STICKER, OutboundMessageType.LOCATION, OutboundMessageType.CONTACTS,
			OutboundMessageType.INTERACTIVE, OutboundMessageType.REACTION, OutboundMessageType.TEMPLATE);

	private final IngressProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final MessageContentValidator contentValidator;

	CommandRequests(IngressProperties properties, JsonMapper json, Clock clock, MessageContentValidator contentValidator) {
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.contentValidator = contentValidator;
	}

	/** The idempotency key of a request, null when it sent none. */
	String idempotencyKey(String header) {
		if (header == null) {
			return null;
		}
		String key = header.strip();
		if (!CommandIds.validIdempotencyKey(key)) {
			throw new InvalidCommandException(List.of(new FieldViolation("Idempotency-Key",
					"must be 1 to 255 visible ASCII characters, e.g. a UUID")));
		}
		return key;
	}

	Duration preferWait(List<String> preferHeaders) {
		return PreferWait.of(preferHeaders, properties.maxPreferWait());
	}

	/** What a request asked for, to tell a repeated request from a reused key. */
	String describe(String route, Object body) {
		return route + "\n" + (body == null ? "" : json.writeValueAsString(body));
	}

	Function<String, ProducerRecord<String, SpecificRecord>> startOnboarding(StartOnboardingRequest request,
			String tenantId, String issuedBy) {
		return commandId -> {
			OnboardingCommand command = OnboardingCommand.newBuilder()
					.setCommandId(commandId)
					.setTenantId(tenantId)
					.setIssuedBy(issuedBy)
					.setIssuedAt(clock.instant())
					.setPayload(StartOnboarding.newBuilder()
							.setCode(request.code())
							.setState(request.state())
							.setWabaId(blankToNull(request.wabaId()))
							.setPhoneNumberId(blankToNull(request.phoneNumberId()))
							.setBusinessId(blankToNull(request.businessId()))
							.setSessionEvent(blankToNull(request.sessionEvent()))
							.build())
					.build();
			return new ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(), tenantId, command);
		};
	}

	/** A phone number id from a path, checked. */
	static String phoneNumberId(String phoneNumberId) {
		String number = phoneNumberId == null ? "" : phoneNumberId.strip();
		if (number.isEmpty() || number.length() > 64) {
			throw new InvalidCommandException(List.of(new FieldViolation("phone_number_id", "must be 1 to 64 characters")));
		}
		return number;
	}

	/** A coexistence sync request, keyed by its tenant like every onboarding command. */
	Function<String, ProducerRecord<String, SpecificRecord>> coexistenceSync(String number,
			CoexistenceSyncType syncType, String tenantId, String issuedBy) {
		return commandId -> new ProducerRecord<>(Topics.ONBOARDING_COMMANDS.name(), tenantId,
				OnboardingCommand.newBuilder()
						.setCommandId(commandId)
						.setTenantId(tenantId)
						.setIssuedBy(issuedBy)
						.setIssuedAt(clock.instant())
						.setPayload(RequestCoexistenceSync.newBuilder().setPhoneNumberId(number).setSyncType(syncType).build())
						.build());
	}

	Function<String, ProducerRecord<String, SpecificRecord>> sendMessage(SendMessageRequest request, String tenantId,
			String issuedBy) {
		List<FieldViolation> violations = new ArrayList<>();
		Optional<OutboundMessageType> type = OutboundMessageType.of(request.type()).filter(MESSAGE_TYPES::contains);
		if (type.isEmpty()) {
			violations.add(new FieldViolation("type", "must be one of " + String.join(", ",
					MESSAGE_TYPES.stream().map(OutboundMessageType::metaName).toList())));
		}
		else {
			for (Violation violation : contentValidator.validate(type.get(), request.content())) {
				violations.add(new FieldViolation(violation.path(), violation.message()));
			}
			if (type.get() == OutboundMessageType.REACTION && request.replyTo() != null) {
				violations.add(new FieldViolation("reply_to", "a reaction cannot be a reply"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidCommandException(violations);
		}
		String contentJson = json.writeValueAsString(request.content());
		MessageType messageType = MessageType.valueOf(type.get().name());
		SenderKind sender = request.sender() == null ? SenderKind.AGENT : SenderKind.valueOf(request.sender());
		return commandId -> new ProducerRecord<>(Topics.SEND_COMMANDS.name(), request.phoneNumberId(),
				SendMessage.newBuilder()
						.setCommandId(commandId)
						.setTenantId(tenantId)
						.setIssuedBy(issuedBy)
						.setPhoneNumberId(request.phoneNumberId())
						.setTo(request.to())
						.setType(messageType)
						.setContentJson(contentJson)
						.setReplyTo(blankToNull(request.replyTo()))
						.setSender(sender)
						.setBizOpaqueCallbackData(blankToNull(request.bizOpaqueCallbackData()))
						.setIssuedAt(clock.instant())
						.build());
	}

	/**
	 * A mark-as-read: {@code content} {@code {"message_id": …}}, with {@code "typing_indicator": {"type": "text"}} when
	 * asked. It names no recipient (Meta finds the chat by the message); {@code to} stays empty.
	 */
	Function<String, ProducerRecord<String, SpecificRecord>> markRead(String phoneNumberId, String messageId,
			boolean typing, String tenantId, String issuedBy) {
		if (messageId == null || messageId.isBlank() || messageId.length() > 256) {
			throw new InvalidCommandException(List.of(new FieldViolation("message_id",
					"must be the wamid of the user's message (at most 256 characters)")));
		}
		ObjectNode content = json.createObjectNode().put("message_id", messageId.strip());
		if (typing) {
			content.putObject("typing_indicator").put("type", "text");
		}
		String contentJson = json.writeValueAsString(content);
		return commandId -> new ProducerRecord<>(Topics.SEND_COMMANDS.name(), phoneNumberId,
				SendMessage.newBuilder()
						.setCommandId(commandId)
						.setTenantId(tenantId)
						.setIssuedBy(issuedBy)
						.setPhoneNumberId(phoneNumberId)
						.setTo("")
						.setType(MessageType.MARK_READ)
						.setContentJson(contentJson)
						.setSender(SenderKind.AGENT)
						.setIssuedAt(clock.instant())
						.build());
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}

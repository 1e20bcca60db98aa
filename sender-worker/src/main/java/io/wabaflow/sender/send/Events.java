package io.wabaflow.sender.send;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sender tells the rest of the system: a {@code MessageEvent} per lifecycle step on
 * {@code wabaflow.messages.events.v1} (key phone_number_id), and the command's outcome on
 * {@code wabaflow.command-results.v1} (key command_id) once it is settled. Event ids are
 * {@code <command_id>/<status>}, so publishing the same step again (recovery, a duplicate command) is a
 * no-op for idempotent consumers.
 */
final class Events {

	static final String COMMAND_TYPE = "SendMessage";

	private final KafkaTemplate<String, Object> kafka;

	private final JsonMapper json = JsonMapper.builder().build();

	Events(KafkaTemplate<String, Object> kafka) {
		this.kafka = kafka;
	}

	/** The step the row is at: ACCEPTED for a PENDING row, else its settled state and the command's result. */
	CompletableFuture<Void> publishState(Send send) {
		List<CompletableFuture<?>> acks = new ArrayList<>();
		if (send.state() == SendState.PENDING || send.state() == SendState.INTENDED) {
			acks.add(send(Topics.MESSAGE_EVENTS.name(), send.phoneNumberId(), event(send, OutboundStatus.ACCEPTED)));
		}
		else {
			if (ofTheNumber(send)) {
				acks.add(send(Topics.MESSAGE_EVENTS.name(), send.phoneNumberId(),
						event(send, OutboundStatus.valueOf(send.state().name()))));
			}
			acks.add(send(Topics.COMMAND_RESULTS.name(), send.commandId(), result(send)));
		}
		return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
	}

	/**
	 * Whether the send belongs in its number's message stream. A command refused at intake because it named
	 * no tenant or a number its tenant does not own (attempt 0: it never reached a claim) does not: the
	 * projections would show its content in the conversations of the number's owner, another tenant. Its
	 * caller still gets the result. A number that left its tenant after intake is another matter: that
	 * send's ACCEPTED is already in the stream and its REJECTED follows it.
	 */
	static boolean ofTheNumber(Send send) {
		return !(send.state() == SendState.REJECTED && send.attempt() == 0
				&& (Rejection.TENANT_REQUIRED.equals(send.reason()) || Rejection.UNKNOWN_NUMBER.equals(send.reason())));
	}

	/** Only the outcome again, for a caller waiting on a duplicate of a settled command. */
	CompletableFuture<Void> publishResult(Send send) {
		return send(Topics.COMMAND_RESULTS.name(), send.commandId(), result(send)).thenApply(ignored -> null);
	}

	private CompletableFuture<?> send(String topic, String key, SpecificRecord value) {
		return kafka.send(topic, key, value);
	}

	MessageEvent event(Send send, OutboundStatus status) {
		return MessageEvent.newBuilder()
				.setEventId(send.commandId() + "/" + status.name().toLowerCase())
				.setCommandId(send.commandId())
				.setTenantId(send.tenantId())
				.setPhoneNumberId(send.phoneNumberId())
				.setTo(send.recipient())
				.setMessageType(send.messageType())
				.setStatus(status)
				.setWamid(send.wamid())
				.setWaId(send.waId())
				.setErrorCode(send.errorCode())
				.setErrorTitle(send.errorTitle())
				.setErrorDetails(send.errorDetails())
				.setReason(status == OutboundStatus.ACCEPTED ? null : send.reason())
				.setContentJson(send.contentJson())
				.setReplyTo(send.replyTo())
				.setSender(send.sender())
				.setAttempt(Math.max(1, send.attempt()))
				.setOccurredAt(occurredAt(send))
				.build();
	}

	/**
	 * The command's outcome with the HTTP status the ingress answers {@code Prefer: wait} with: 200 sent
	 * (the wamid), 400 no tenant or invalid content, 404 not the tenant's number, 422 other rejections (window
	 * closed, inactive number), 502 failed at Meta (Meta's code), 202 unknown (the call may or may not have
	 * happened). It carries the command's tenant, so a tenant reads only its own outcomes.
	 */
	CommandResult result(Send send) {
		CommandResult.Builder result = CommandResult.newBuilder().setCommandId(send.commandId())
				.setCommandType(COMMAND_TYPE).setTenantId(send.tenantId()).setOccurredAt(occurredAt(send));
		ObjectNode data = json.createObjectNode();
		switch (send.state()) {
			case SENT -> {
				result.setOutcome(CommandOutcome.OK).setHttpStatus(200);
				if (send.wamid() != null) {
					data.put("wamid", send.wamid());
				}
				if (send.waId() != null) {
					data.put("wa_id", send.waId());
				}
				if (send.wamid() == null) {
					data.put("success", true); // mark-as-read answers no message id
				}
			}
			case REJECTED -> {
				result.setOutcome(CommandOutcome.REJECTED)
						.setHttpStatus(Rejection.httpStatus(send.reason()))
						.setErrorCode(send.reason()).setMessage(describe(send));
			}
			case FAILED -> {
				result.setOutcome(CommandOutcome.FAILED).setHttpStatus(502)
						.setErrorCode(send.errorCode() == null ? send.reason() : "META_" + send.errorCode())
						.setMessage(describe(send));
			}
			case UNKNOWN -> {
				result.setOutcome(CommandOutcome.UNKNOWN).setHttpStatus(202).setErrorCode("IN_DOUBT")
						.setMessage("The message may or may not have been sent: the worker lost the answer to its "
								+ "Graph call. It was not sent again (in-doubt policy mark-unknown).");
			}
			default -> throw new IllegalStateException("no result for a " + send.state() + " send");
		}
		if (send.state() != SendState.SENT) {
			if (send.errorCode() != null) {
				data.put("meta_error_code", send.errorCode());
			}
			if (send.reason() != null) {
				data.put("reason", send.reason());
			}
			data.put("attempts", send.attempt());
		}
		return result.setDataJson(data.isEmpty() ? null : json.writeValueAsString(data)).build();
	}

	private static String describe(Send send) {
		StringBuilder text = new StringBuilder();
		if (send.errorCode() != null) {
			text.append("(#").append(send.errorCode()).append(") ");
		}
		if (send.errorTitle() != null) {
			text.append(send.errorTitle());
		}
		if (send.errorDetails() != null) {
			if (send.errorTitle() != null) {
				text.append(": ");
			}
			text.append(send.errorDetails());
		}
		return text.isEmpty() ? send.reason() : text.toString();
	}

	/** When the row last changed; a row always has that time (it is written with it), the epoch never shows. */
	private static Instant occurredAt(Send send) {
		return send.updatedAt() != null ? send.updatedAt() : send.receivedAt() != null ? send.receivedAt() : Instant.EPOCH;
	}
}

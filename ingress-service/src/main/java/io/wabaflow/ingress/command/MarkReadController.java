package io.wabaflow.ingress.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;

/**
 * Mark-as-read (and the typing indicator) over HTTP: the same {@code SendMessage} command of type {@code MARK_READ}
 * that other services put on Kafka, with the same idempotency ({@code Idempotency-Key}) and {@code Prefer: wait} as a
 * send. The sender performs it once per command.
 */
@RestController
@Tag(name = "Commands")
class MarkReadController {

	private final CommandRequests requests;

	private final CommandSubmission submission;

	private final CommandTenant tenants;

	MarkReadController(CommandRequests requests, CommandSubmission submission, CommandTenant tenants) {
		this.requests = requests;
		this.submission = submission;
		this.tenants = tenants;
	}

	@PostMapping("/api/v1/phone-numbers/{phoneNumberId}/messages/{messageId}/read")
	@RequiresScope(Scope.MESSAGES_SEND)
	@Operation(summary = "Mark a message read", description = "Publishes SendMessage(MARK_READ) on "
			+ "wabaflow.commands.send.v1; typing_indicator: true shows the user that an answer is being typed.")
	CompletableFuture<ResponseEntity<?>> markRead(@PathVariable String phoneNumberId, @PathVariable String messageId,
			@Valid @RequestBody(required = false) MarkReadRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, Principal caller) {
		MarkReadRequest body = request == null ? new MarkReadRequest(null, null) : request;
		String tenant = tenants.ofNumber(caller, phoneNumberId, body.tenantId());
		return submission.submit(new CommandSubmission.Request("SendMessage", caller, tenant,
				requests.describe("read/" + phoneNumberId + "/" + messageId, body), requests.idempotencyKey(idempotencyKey),
				requests.preferWait(prefer), requests.markRead(phoneNumberId, messageId,
						Boolean.TRUE.equals(body.typingIndicator()), tenant, caller.keyId())));
	}
}

package io.wabaflow.ingress.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;

/** Sends one message: validated by Meta's rules here, sent by the sender worker. */
@RestController
@Tag(name = "Commands")
class SendMessageController {

	private final CommandRequests requests;

	private final CommandSubmission submission;

	private final CommandTenant tenants;

	SendMessageController(CommandRequests requests, CommandSubmission submission, CommandTenant tenants) {
		this.requests = requests;
		this.submission = submission;
		this.tenants = tenants;
	}

	@PostMapping("/api/v1/messages")
	@RequiresScope(Scope.MESSAGES_SEND)
	@Operation(summary = "Send a message", description = "Publishes SendMessage on wabaflow.commands.send.v1 "
			+ "(key phone_number_id). 202 once durable; with Prefer: wait=N the sender's outcome.")
	CompletableFuture<ResponseEntity<?>> send(@Valid @RequestBody SendMessageRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, Principal caller) {
		String tenant = tenants.ofNumber(caller, request.phoneNumberId(), request.tenantId());
		return submission.submit(new CommandSubmission.Request("SendMessage", caller, tenant,
				requests.describe("messages", request), requests.idempotencyKey(idempotencyKey),
				requests.preferWait(prefer), requests.sendMessage(request, tenant, caller.keyId())));
	}
}

package io.wabaflow.ingress.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.platform.web.ApiKeys;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;

/**
 * Asks Meta to share a coexistence number's Business app contacts or chat history (once each, within
 * 24 h of onboarding: the onboarding worker decides and answers 400/404/409/410 through the outcome).
 */
@RestController
@Tag(name = "Commands")
class CoexistenceSyncController {

	private final CommandRequests requests;

	private final CommandSubmission submission;

	CoexistenceSyncController(CommandRequests requests, CommandSubmission submission) {
		this.requests = requests;
		this.submission = submission;
	}

	@PostMapping("/api/v1/phone-numbers/{phone_number_id}/coexistence/contacts-sync")
	@Operation(summary = "Request the contacts sync of a coexistence number")
	CompletableFuture<ResponseEntity<?>> contacts(@PathVariable("phone_number_id") String phoneNumberId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, ApiKeys.ApiCaller caller) {
		return submit(phoneNumberId, CoexistenceSyncType.CONTACTS, idempotencyKey, prefer, caller);
	}

	@PostMapping("/api/v1/phone-numbers/{phone_number_id}/coexistence/history-sync")
	@Operation(summary = "Request the history sync of a coexistence number")
	CompletableFuture<ResponseEntity<?>> history(@PathVariable("phone_number_id") String phoneNumberId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, ApiKeys.ApiCaller caller) {
		return submit(phoneNumberId, CoexistenceSyncType.HISTORY, idempotencyKey, prefer, caller);
	}

	private CompletableFuture<ResponseEntity<?>> submit(String phoneNumberId, CoexistenceSyncType type,
			String idempotencyKey, List<String> prefer, ApiKeys.ApiCaller caller) {
		return submission.submit(new CommandSubmission.Request("RequestCoexistenceSync", caller,
				requests.describe("coexistence-sync/" + type + "/" + phoneNumberId, null),
				requests.idempotencyKey(idempotencyKey), requests.preferWait(prefer),
				requests.coexistenceSync(phoneNumberId, type)));
	}
}

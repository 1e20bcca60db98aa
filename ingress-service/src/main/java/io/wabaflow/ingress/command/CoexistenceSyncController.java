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
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
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

	private final CommandTenant tenants;

	CoexistenceSyncController(CommandRequests requests, CommandSubmission submission, CommandTenant tenants) {
		this.requests = requests;
		this.submission = submission;
		this.tenants = tenants;
	}

	@PostMapping("/api/v1/phone-numbers/{phone_number_id}/coexistence/contacts-sync")
	@RequiresScope(Scope.ONBOARDING_WRITE)
	@Operation(summary = "Request the contacts sync of a coexistence number")
	CompletableFuture<ResponseEntity<?>> contacts(@PathVariable("phone_number_id") String phoneNumberId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, Principal caller) {
		return submit(phoneNumberId, CoexistenceSyncType.CONTACTS, idempotencyKey, prefer, caller);
	}

	@PostMapping("/api/v1/phone-numbers/{phone_number_id}/coexistence/history-sync")
	@RequiresScope(Scope.ONBOARDING_WRITE)
	@Operation(summary = "Request the history sync of a coexistence number")
	CompletableFuture<ResponseEntity<?>> history(@PathVariable("phone_number_id") String phoneNumberId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, Principal caller) {
		return submit(phoneNumberId, CoexistenceSyncType.HISTORY, idempotencyKey, prefer, caller);
	}

	private CompletableFuture<ResponseEntity<?>> submit(String phoneNumberId, CoexistenceSyncType type,
			String idempotencyKey, List<String> prefer, Principal caller) {
		String number = CommandRequests.phoneNumberId(phoneNumberId);
		String tenant = tenants.ofNumber(caller, number, null);
		return submission.submit(new CommandSubmission.Request("RequestCoexistenceSync", caller, tenant,
				requests.describe("coexistence-sync/" + type + "/" + number, null),
				requests.idempotencyKey(idempotencyKey), requests.preferWait(prefer),
				requests.coexistenceSync(number, type, tenant, caller.keyId())));
	}
}

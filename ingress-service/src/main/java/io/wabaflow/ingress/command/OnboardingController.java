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

/** Starts an onboarding with the finish of an Embedded Signup session. */
@RestController
@Tag(name = "Commands")
class OnboardingController {

	private final CommandRequests requests;

	private final CommandSubmission submission;

	private final CommandTenant tenants;

	OnboardingController(CommandRequests requests, CommandSubmission submission, CommandTenant tenants) {
		this.requests = requests;
		this.submission = submission;
		this.tenants = tenants;
	}

	@PostMapping("/api/v1/onboarding")
	@RequiresScope(Scope.ONBOARDING_WRITE)
	@Operation(summary = "Start onboarding", description = "Publishes StartOnboarding on "
			+ "wabaflow.commands.onboarding.v1 (key tenant_id). 202 once durable; with Prefer: wait=N the outcome.")
	CompletableFuture<ResponseEntity<?>> start(@Valid @RequestBody StartOnboardingRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer, Principal caller) {
		String tenant = tenants.of(caller, request.tenantId());
		return submission.submit(new CommandSubmission.Request("StartOnboarding", caller, tenant,
				requests.describe("onboarding", request), requests.idempotencyKey(idempotencyKey),
				requests.preferWait(prefer), requests.startOnboarding(request, tenant, caller.keyId())));
	}
}

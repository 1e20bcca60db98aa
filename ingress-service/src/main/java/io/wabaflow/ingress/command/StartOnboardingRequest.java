package io.wabaflow.ingress.command;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The finish of an Embedded Signup session. {@code code} lives 30 seconds: post it at once.
 *
 * @param state        the {@code state} the front end started the session with
 * @param sessionEvent the session's finish event, e.g. {@code FINISH} or {@code FINISH_ONLY_WABA}
 */
record StartOnboardingRequest(
		@NotBlank @Size(max = 4096) String code,
		@NotBlank @Size(max = 1024) String state,
		@Size(max = 128) String tenantId,
		@Size(max = 64) String wabaId,
		@Size(max = 64) String phoneNumberId,
		@Size(max = 64) String businessId,
		@Size(max = 64) String sessionEvent) {
}

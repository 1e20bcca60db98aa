package io.wabaflow.ingress.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.platform.web.ConstantTime;
import io.wabaflow.ingress.security.IngressSecrets;

/** Meta's verification handshake for the callback URL (facts file 1.1). */
@RestController
@Tag(name = "Webhooks", description = "Meta's WhatsApp webhook callback")
class WebhookVerificationController {

	private final String verifyToken;

	private final MeterRegistry meters;

	WebhookVerificationController(IngressSecrets secrets, MeterRegistry meters) {
		this.verifyToken = secrets.verifyToken();
		this.meters = meters;
	}

	@GetMapping(path = WebhookController.PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "Verification handshake", description = "200 with hub.challenge as text/plain when "
			+ "hub.mode is subscribe and hub.verify_token is the configured token; 403 otherwise.")
	ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		boolean valid = "subscribe".equals(mode) & ConstantTime.equals(token, verifyToken) & challenge != null;
		meters.counter("wabaflow.ingress.webhook.verifications", "outcome", valid ? "verified" : "refused").increment();
		if (!valid) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}
}

package io.wabaflow.ingress.webhook;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.ingress.IngressProperties;

/**
 * Meta's signed webhook deliveries. The answer is 200 only once every change of the body is durable on
 * Kafka; 503 when the broker does not acknowledge in time, so Meta retries. The request thread is
 * released while the broker acknowledges (asynchronous response).
 */
@RestController
@Tag(name = "Webhooks")
class WebhookController {

	static final String PATH = "/webhooks/whatsapp";

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final SignatureVerifier verifier;

	private final WebhookIngest ingest;

	private final int bodyLimit;

	private final MeterRegistry meters;

	WebhookController(SignatureVerifier verifier, WebhookIngest ingest, IngressProperties properties,
			MeterRegistry meters) {
		this.verifier = verifier;
		this.ingest = ingest;
		this.bodyLimit = (int) Math.min(Integer.MAX_VALUE - 8, properties.webhookBodyLimit().toBytes());
		this.meters = meters;
	}

	@PostMapping(PATH)
	@RequestBody(required = true, description = "Meta's webhook JSON, "
			+ "exactly the bytes that were signed", content = @Content(mediaType = "application/json"))
	@Operation(summary = "Signed webhook delivery", description = "X-Hub-Signature-256 is checked over the raw "
			+ "body. 401 without a signature, 403 with a wrong one, 413 over the body limit, 503 when the broker "
			+ "does not acknowledge in time; 200 once every change is durable on wabaflow.webhooks.v1 (or, for a "
			+ "signed body that is not a WhatsApp webhook, on wabaflow.webhooks.unparsed.v1).")
	CompletableFuture<ResponseEntity<Void>> receive(
			@Parameter(description = "sha256=<HMAC-SHA256 of the body with the app secret, hex>")
			@RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature,
			HttpServletRequest request) {
		if (BoundedBody.declaredTooLarge(request, bodyLimit)) {
			return answer("too_large", HttpStatus.CONTENT_TOO_LARGE);
		}
		if (signature == null || signature.isBlank()) {
			meters.counter("wabaflow.ingress.webhook.signature.failures", "reason", "missing").increment();
			return answer("unsigned", HttpStatus.UNAUTHORIZED);
		}
		byte[] body;
		try {
			body = BoundedBody.read(request, bodyLimit);
		}
		catch (BoundedBody.TooLargeException e) {
			return answer("too_large", HttpStatus.CONTENT_TOO_LARGE);
		}
		catch (IOException e) {
			log.debug("Webhook body could not be read: {}", e.toString());
			return answer("unreadable", HttpStatus.BAD_REQUEST);
		}
		if (!verifier.verify(body, signature)) {
			meters.counter("wabaflow.ingress.webhook.signature.failures", "reason", "mismatch").increment();
			return answer("bad_signature", HttpStatus.FORBIDDEN);
		}
		return ingest.ingest(body, request.getContentType()).handle((outcome, failure) -> {
			if (failure != null) {
				log.warn("Webhook not acknowledged by the broker, answering 503 so that Meta retries: {}",
						failure.getMessage());
				return response("unavailable", HttpStatus.SERVICE_UNAVAILABLE);
			}
			return response(outcome == WebhookIngest.Outcome.PUBLISHED ? "accepted" : "unparsed", HttpStatus.OK);
		});
	}

	private CompletableFuture<ResponseEntity<Void>> answer(String outcome, HttpStatus status) {
		return CompletableFuture.completedFuture(response(outcome, status));
	}

	private ResponseEntity<Void> response(String outcome, HttpStatus status) {
		meters.counter("wabaflow.ingress.webhook.requests", "outcome", outcome).increment();
		return ResponseEntity.status(status).build();
	}
}

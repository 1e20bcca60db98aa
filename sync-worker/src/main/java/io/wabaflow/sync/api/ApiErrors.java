package io.wabaflow.sync.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.wabaflow.sync.rebuild.ActiveGeneration;

/**
 * The read API's errors as RFC 9457 problem+json, as the other services answer: a stable {@code type}
 * ({@code urn:wabaflow:problem:<slug>}) and a {@code detail} that says what is wrong and what to do.
 */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
		return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
	}

	@ExceptionHandler(ActiveGeneration.NoActiveGenerationException.class)
	ResponseEntity<ProblemDetail> notBuiltYet(ActiveGeneration.NoActiveGenerationException e) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "not-built-yet", e.getMessage());
		return ResponseEntity.status(answer.getStatusCode()).header("Retry-After", "5").body(answer.getBody());
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setType(URI.create("urn:wabaflow:problem:" + slug));
		return ResponseEntity.status(status).body(body);
	}
}

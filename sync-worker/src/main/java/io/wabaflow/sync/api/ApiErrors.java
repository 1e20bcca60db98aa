package io.wabaflow.sync.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.wabaflow.sync.rebuild.ActiveGeneration;

/** Errors as small JSON bodies. */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
		return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
	}

	@ExceptionHandler(ActiveGeneration.NoActiveGenerationException.class)
	ResponseEntity<Map<String, String>> notBuiltYet(ActiveGeneration.NoActiveGenerationException e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
				.body(Map.of("error", e.getMessage()));
	}
}

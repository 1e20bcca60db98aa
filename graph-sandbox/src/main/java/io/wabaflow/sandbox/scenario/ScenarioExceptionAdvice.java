package io.wabaflow.sandbox.scenario;

import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Scenario API mistakes: plain {@code {"error": "..."}} with 400 or 404, never Meta's error body. */
@RestControllerAdvice(basePackageClasses = ScenarioExceptionAdvice.class)
class ScenarioExceptionAdvice {

	@ExceptionHandler(NoSuchElementException.class)
	ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", String.valueOf(e.getMessage())));
	}

	@ExceptionHandler({ IllegalArgumentException.class, IllegalStateException.class })
	ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
	}
}

package io.wabaflow.platform.access;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link NotOwnedException} → 404 problem+json, in every service. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotOwnedAdvice {

	@ExceptionHandler(NotOwnedException.class)
	ResponseEntity<ProblemDetail> notOwned(NotOwnedException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		problem.setType(URI.create(AccessProblems.TYPE_PREFIX + "not-found"));
		problem.setTitle("Not Found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}

package io.wabaflow.sender.web;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Writes {@link ApiProblem}s, whichever controller threw them. */
@RestControllerAdvice
class ApiProblemAdvice {

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
		return ResponseEntity.status(problem.status()).body(problem.body());
	}
}

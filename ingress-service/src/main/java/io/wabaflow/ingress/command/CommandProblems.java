package io.wabaflow.ingress.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for the command API, with field-level errors in {@code errors}:
 * {@code [{"field": "content.body", "message": "is required"}]}, fields named as in the JSON.
 */
@RestControllerAdvice
class CommandProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidCommandException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidCommandException e) {
		return invalid(e.violations());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		for (FieldError error : e.getBindingResult().getFieldErrors()) {
			violations.add(new FieldViolation(snakeCase(error.getField()), error.getDefaultMessage()));
		}
		e.getBindingResult().getGlobalErrors()
				.forEach(error -> violations.add(new FieldViolation("", error.getDefaultMessage())));
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(violations));
	}

	private static ResponseEntity<ProblemDetail> invalid(List<FieldViolation> violations) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem(violations));
	}

	private static ProblemDetail problem(List<FieldViolation> violations) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request does not match the command's schema: see errors.");
		problem.setTitle("Invalid command");
		problem.setProperty("errors", violations.stream()
				.map(violation -> Map.of("field", violation.field(), "message", violation.message())).toList());
		return problem;
	}

	/** Java record components to the JSON names the API uses ({@code phoneNumberId} → {@code phone_number_id}). */
	static String snakeCase(String field) {
		StringBuilder name = new StringBuilder(field.length() + 8);
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (Character.isUpperCase(c)) {
				name.append('_').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}
}

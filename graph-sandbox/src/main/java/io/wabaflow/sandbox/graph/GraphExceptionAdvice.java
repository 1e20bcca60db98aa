package io.wabaflow.sandbox.graph;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/** Renders every {@link GraphException} as Meta's error body [ERR]. */
@RestControllerAdvice
class GraphExceptionAdvice {

	static final String ERROR_CODE_ATTRIBUTE = "sandbox.graph.errorCode";

	private final SandboxProperties properties;
	private final SandboxRandom random;

	GraphExceptionAdvice(SandboxProperties properties, SandboxRandom random) {
		this.properties = properties;
		this.random = random;
	}

	@ExceptionHandler(GraphException.class)
	ResponseEntity<ObjectNode> graphError(GraphException error, HttpServletRequest request) {
		request.setAttribute(ERROR_CODE_ATTRIBUTE, error.code());
		int status = GraphErrors.THROTTLING.contains(error.code()) ? properties.errors().throttlingHttpStatus()
				: error.httpStatus();
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
				.body(ErrorBodies.graphError(error, random.alphanumeric(23)));
	}
}

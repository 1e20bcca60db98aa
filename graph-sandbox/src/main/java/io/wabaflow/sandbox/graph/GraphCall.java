package io.wabaflow.sandbox.graph;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One Graph request as the fault injector and the call log see it. {@code operation} is the edge name
 * ({@code messages}, {@code register}, {@code phone_numbers}, ...), {@code node} for a read of an object,
 * {@code oauth/access_token}, {@code debug_token}, or {@code whatsapp_business_accounts} for strategy 2D's
 * node-less creation call. {@code nodeId} is the id in the path, when there is one.
 */
public record GraphCall(String method, String path, String version, String operation, String nodeId) {

	static final String ATTRIBUTE = GraphCall.class.getName();

	private static final List<String> ROOT_EDGES = List.of("debug_token", "whatsapp_business_accounts");

	static GraphCall from(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
		String version = segments.isEmpty() ? "" : segments.get(0);
		List<String> rest = segments.subList(Math.min(1, segments.size()), segments.size());
		String operation;
		String nodeId = null;
		if (rest.size() == 2 && rest.get(0).equals("oauth")) {
			operation = "oauth/" + rest.get(1);
		}
		else if (rest.size() == 1 && ROOT_EDGES.contains(rest.get(0))) {
			operation = rest.get(0);
		}
		else if (rest.size() == 1) {
			operation = "node";
			nodeId = rest.get(0);
		}
		else if (rest.size() == 2) {
			nodeId = rest.get(0);
			operation = rest.get(1);
		}
		else {
			operation = String.join("/", rest);
		}
		return new GraphCall(request.getMethod(), path, version, operation, nodeId);
	}

	public static GraphCall of(HttpServletRequest request) {
		return (GraphCall) request.getAttribute(ATTRIBUTE);
	}
}

package io.wabaflow.sandbox.graph;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/** Graph calls live under {@code /v{major}.0/}; everything else (the scenario API) is not Graph. */
final class GraphPaths {

	static final String VERSION = "{version:v\\d+\\.0}";

	private static final Pattern GRAPH = Pattern.compile("^/v\\d+\\.0(/.*)?$");

	private GraphPaths() {
	}

	static boolean isGraph(HttpServletRequest request) {
		return GRAPH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}
}

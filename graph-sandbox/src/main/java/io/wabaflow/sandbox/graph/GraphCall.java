package io.wabaflow.sandbox.graph;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One Graph request as the fault injector and the call log see it. {@code operation} is the edge name
 * ({@code messages}, {@code register}, {@code phone_numbers}, {@code media} for an upload, ...), {@code node} for a
 * read of an object, {@code media_info} / {@code media_delete} for a GET / DELETE of a media id,
 * {@code media_download} for a download from a media URL, {@code oauth/access_token}, {@code debug_token}, or
 * {@code whatsapp_business_accounts} for strategy 2D's node-less creation call. {@code nodeId} is the id in the path
 * (the media id for a download), when there is one.
 */
public record GraphCall(String method, String path, String version, String operation, String nodeId) {

	public static final String MEDIA_DOWNLOAD = "media_download";

	/**
	 * Media ids have 16 digits (as many of Meta's do), every other sandbox id 15: so a call on an id is named by the
	 * id alone, also once the media is gone (the call log and fault rules see {@code media_info}, not {@code node}).
	 */
	public static final int MEDIA_ID_DIGITS = 16;

	static final String ATTRIBUTE = GraphCall.class.getName();

	private static final List<String> ROOT_EDGES = List.of("debug_token", "whatsapp_business_accounts");

	private static final Pattern MEDIA_ID = Pattern.compile("\\d{" + MEDIA_ID_DIGITS + "}");

	static GraphCall from(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (GraphPaths.isMediaDownload(path)) {
			return new GraphCall(request.getMethod(), path, "", MEDIA_DOWNLOAD, request.getParameter("mid"));
		}
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
			nodeId = rest.get(0);
			operation = !MEDIA_ID.matcher(nodeId).matches() ? "node"
					: request.getMethod().equals("DELETE") ? "media_delete" : "media_info";
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

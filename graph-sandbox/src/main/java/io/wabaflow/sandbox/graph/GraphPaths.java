package io.wabaflow.sandbox.graph;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Graph calls live under {@code /v{major}.0/}; media downloads, which Meta serves from its CDN host with the same
 * bearer token, under {@code /whatsapp_business/attachments/}. Both are Meta's API (logged, open to fault rules);
 * everything else (the scenario API) is not.
 */
public final class GraphPaths {

	static final String VERSION = "{version:v\\d+\\.0}";

	/** Where media URLs point, as Meta's {@code https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…}. */
	public static final String MEDIA_DOWNLOAD = "/whatsapp_business/attachments";

	private static final Pattern GRAPH = Pattern.compile("^/v\\d+\\.0(/.*)?$");

	private GraphPaths() {
	}

	static boolean isGraph(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return GRAPH.matcher(path).matches() || isMediaDownload(path);
	}

	static boolean isMediaDownload(String path) {
		return path.equals(MEDIA_DOWNLOAD) || path.equals(MEDIA_DOWNLOAD + "/");
	}
}

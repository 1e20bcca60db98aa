package io.wabaflow.sandbox.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.wabaflow.sandbox.runtime.Json;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cursor paging as Graph lists do it: {@code {"data":[...],"paging":{"cursors":{"before","after"},"next"?}}},
 * {@code limit} (default 25) and {@code after}/{@code before} cursors. {@code paging} is absent on an empty page.
 */
public final class Pages {

	private Pages() {
	}

	/** {@code next} is absolute and repeats the query (token included, as Meta's does), with the next cursor. */
	public static ObjectNode page(List<ObjectNode> items, GraphParams params, HttpServletRequest request) {
		int limit = params.string("limit").map(Pages::parseLimit).orElse(25);
		int start = params.string("after").map(cursor -> decode(cursor) + 1).orElse(0);
		start = Math.min(Math.max(start, 0), items.size());
		int end = Math.min(items.size(), start + limit);
		ObjectNode page = Json.object();
		ArrayNode data = page.putArray("data");
		items.subList(start, end).forEach(data::add);
		if (end > start) {
			ObjectNode paging = page.putObject("paging");
			ObjectNode cursors = paging.putObject("cursors");
			cursors.put("before", encode(start));
			cursors.put("after", encode(end - 1));
			if (end < items.size()) {
				paging.put("next", next(request, limit, encode(end - 1)));
			}
		}
		return page;
	}

	private static String next(HttpServletRequest request, int limit, String after) {
		StringBuilder url = new StringBuilder(request.getRequestURL()).append('?');
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals("after") && !name.equals("before") && !name.equals("limit")
					&& request.getQueryString() != null && request.getQueryString().contains(name + "=")) {
				url.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
						.append(URLEncoder.encode(values[0], StandardCharsets.UTF_8)).append('&');
			}
		});
		return url.append("limit=").append(limit).append("&after=").append(after).toString();
	}

	private static int parseLimit(String value) {
		try {
			return Math.max(1, Integer.parseInt(value));
		}
		catch (NumberFormatException e) {
			throw GraphErrors.invalidParameter("Param limit must be a number.");
		}
	}

	private static String encode(int index) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
	}

	private static int decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			return Integer.parseInt(text.substring(4));
		}
		catch (RuntimeException e) {
			throw GraphErrors.invalidParameter("Invalid cursor.");
		}
	}
}

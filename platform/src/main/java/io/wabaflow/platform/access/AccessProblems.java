package io.wabaflow.platform.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/** problem+json answers of the access checks, written before any controller runs. */
final class AccessProblems {

	static final String TYPE_PREFIX = "urn:wabaflow:problem:";

	private AccessProblems() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug, String title,
			String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// bytes, not the writer: JSON is UTF-8 and takes no charset parameter
		response.getOutputStream().write(("{\"type\":\"" + TYPE_PREFIX + slug + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\""
				+ escape(request.getRequestURI()) + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	private static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}

package io.wabaflow.sandbox.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wabaflow.sandbox.graph.GraphErrors;

/**
 * A {@code multipart/form-data} body (RFC 7578), parsed from bytes already read. The sandbox parses it itself
 * rather than through the servlet container, so an embedded sandbox needs no multipart configuration from its
 * host and writes no temporary files. A malformed body is Graph's 100.
 */
final class MultipartForm {

	/** One part: a field ({@code filename} null) or a file. */
	record Part(String name, String filename, String contentType, byte[] content) {

		String text() {
			return new String(content, StandardCharsets.UTF_8);
		}
	}

	private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
	private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=(?:\"([^\"]*)\"|([^;\\s]+))");
	private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=(?:\"([^\"]*)\"|([^;\\s]+))");
	private static final byte[] CRLF = { '\r', '\n' };
	private static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

	private final Map<String, Part> parts;

	private MultipartForm(Map<String, Part> parts) {
		this.parts = parts;
	}

	static boolean isMultipart(String contentType) {
		return contentType != null && contentType.toLowerCase().startsWith("multipart/form-data");
	}

	static MultipartForm parse(String contentType, byte[] body) {
		Matcher boundary = isMultipart(contentType) ? BOUNDARY.matcher(contentType) : null;
		if (boundary == null || !boundary.find()) {
			throw GraphErrors.invalidParameter("The request must be multipart/form-data with a boundary.");
		}
		byte[] delimiter = ("--" + first(boundary)).getBytes(StandardCharsets.US_ASCII);
		byte[] separator = concat(CRLF, delimiter);
		int at = indexOf(body, delimiter, 0);
		if (at < 0) {
			throw malformed();
		}
		Map<String, Part> parts = new LinkedHashMap<>();
		at += delimiter.length;
		while (!startsWith(body, at, new byte[] { '-', '-' })) {
			if (!startsWith(body, at, CRLF)) {
				throw malformed();
			}
			int headersStart = at + CRLF.length;
			int headersEnd = indexOf(body, HEADERS_END, headersStart);
			if (headersEnd < 0) {
				throw malformed();
			}
			int contentStart = headersEnd + HEADERS_END.length;
			int contentEnd = indexOf(body, separator, contentStart);
			if (contentEnd < 0) {
				throw malformed();
			}
			Part part = part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
					Arrays.copyOfRange(body, contentStart, contentEnd));
			parts.putIfAbsent(part.name(), part);
			at = contentEnd + separator.length;
		}
		return new MultipartForm(parts);
	}

	Optional<Part> part(String name) {
		return Optional.ofNullable(parts.get(name));
	}

	/** The fields (parts without a file name) as text, for Graph's usual parameter checks. */
	Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		parts.values().stream().filter(part -> part.filename() == null)
				.forEach(part -> fields.put(part.name(), part.text()));
		return fields;
	}

	private static Part part(String headers, byte[] content) {
		String disposition = null;
		String contentType = null;
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String header = line.substring(0, colon).strip();
			String value = line.substring(colon + 1).strip();
			if (header.equalsIgnoreCase("Content-Disposition")) {
				disposition = value;
			}
			else if (header.equalsIgnoreCase("Content-Type")) {
				contentType = value;
			}
		}
		Matcher name = disposition == null ? null : NAME.matcher(disposition.replaceFirst("(?i)^form-data", ""));
		if (name == null || !name.find()) {
			throw GraphErrors.invalidParameter("Every part of the form needs a Content-Disposition with a name.");
		}
		Matcher filename = FILENAME.matcher(disposition);
		return new Part(first(name), filename.find() ? first(filename) : null, contentType, content);
	}

	private static String first(Matcher matcher) {
		return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
	}

	private static RuntimeException malformed() {
		return GraphErrors.invalidParameter("The multipart/form-data body is malformed.");
	}

	private static boolean startsWith(byte[] body, int at, byte[] prefix) {
		if (at + prefix.length > body.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (body[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] body, byte[] needle, int from) {
		for (int i = from; i <= body.length - needle.length; i++) {
			if (body[i] == needle[0] && startsWith(body, i, needle)) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}
}

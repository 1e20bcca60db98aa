package io.wabaflow.metagraph.client;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) of text fields and one file, for {@code POST /<phone>/media}. The
 * file's bytes are not copied: its publisher (bytes, or a file read as it is sent) goes between the two text parts.
 */
record MultipartBody(String contentType, BodyPublisher publisher) {

	static MultipartBody of(Map<String, String> fields, String fileField, String filename, String fileType,
			BodyPublisher file) {
		String boundary = "wabaflow-" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
				.append("Content-Disposition: form-data; name=\"").append(quoted(name)).append("\"\r\n\r\n")
				.append(value).append("\r\n"));
		head.append("--").append(boundary).append("\r\n")
				.append("Content-Disposition: form-data; name=\"").append(quoted(fileField)).append("\"; filename=\"")
				.append(quoted(filename)).append("\"\r\n")
				.append("Content-Type: ").append(fileType).append("\r\n\r\n");
		String tail = "\r\n--" + boundary + "--\r\n";
		return new MultipartBody("multipart/form-data; boundary=" + boundary,
				BodyPublishers.concat(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8), file,
						BodyPublishers.ofString(tail, StandardCharsets.UTF_8)));
	}

	/** A name inside quotes: quotes and line breaks escaped as browsers do (HTML's form encoding). */
	private static String quoted(String name) {
		return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
	}
}

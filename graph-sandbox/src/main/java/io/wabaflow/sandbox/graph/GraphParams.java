package io.wabaflow.sandbox.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.wabaflow.sandbox.runtime.Json;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a Graph call, wherever the caller put them: the query string, a form body, or a JSON body
 * (Graph accepts all three). Form values that are JSON objects or arrays are parsed, as Graph does.
 */
public final class GraphParams {

	private static final String ATTRIBUTE = GraphParams.class.getName();

	private final ObjectNode values;

	GraphParams(ObjectNode values) {
		this.values = values;
	}

	/** Parsed once per request; the interceptor reads them first (the token may be a body parameter). */
	public static GraphParams of(HttpServletRequest request) {
		Object cached = request.getAttribute(ATTRIBUTE);
		if (cached instanceof GraphParams params) {
			return params;
		}
		GraphParams params = new GraphParams(parse(request));
		request.setAttribute(ATTRIBUTE, params);
		return params;
	}

	/** Parameters a feature read itself, such as the fields of a multipart form. */
	public static GraphParams of(Map<String, String> fields) {
		ObjectNode values = Json.object();
		fields.forEach(values::put);
		return new GraphParams(values);
	}

	private static ObjectNode parse(HttpServletRequest request) {
		ObjectNode values = Json.object();
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase().contains("json")) {
			String body = readBody(request);
			if (!body.isBlank()) {
				JsonNode parsed;
				try {
					parsed = Json.MAPPER.readTree(body);
				}
				catch (JacksonException notJson) {
					throw GraphErrors.invalidParameter("The request body is not valid JSON.");
				}
				if (!parsed.isObject()) {
					throw GraphErrors.invalidParameter("The request body must be a JSON object.");
				}
				values.setAll((ObjectNode) parsed);
			}
		}
		// query string (and form body): JSON body values win over same-named query parameters
		for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
			if (!values.has(entry.getKey()) && entry.getValue().length > 0) {
				values.set(entry.getKey(), formValue(entry.getValue()[0]));
			}
		}
		return values;
	}

	private static JsonNode formValue(String raw) {
		String trimmed = raw.trim();
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			try {
				return Json.MAPPER.readTree(trimmed);
			}
			catch (JacksonException notJson) {
				// a plain string that happens to start with a brace
			}
		}
		return Json.MAPPER.getNodeFactory().stringNode(raw);
	}

	private static String readBody(HttpServletRequest request) {
		try {
			return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public ObjectNode all() {
		return values;
	}

	public boolean has(String name) {
		return values.has(name) && !values.get(name).isNull();
	}

	public JsonNode node(String name) {
		return values.path(name);
	}

	/** A scalar parameter as text (numbers and booleans included), empty when absent or blank. */
	public Optional<String> string(String name) {
		JsonNode node = values.get(name);
		if (node == null || node.isNull() || node.isContainer()) {
			return Optional.empty();
		}
		String text = node.asString();
		return text.isBlank() ? Optional.empty() : Optional.of(text);
	}

	public String required(String name) {
		return string(name).orElseThrow(() -> GraphErrors.missingParameter(name));
	}

	/** {@code messaging_product}, which every WhatsApp call must send as {@code whatsapp} (Meta's wording otherwise). */
	public void requireWhatsAppProduct() {
		String product = required("messaging_product");
		if (!product.equalsIgnoreCase("whatsapp")) {
			throw GraphErrors.invalidParameter(
					"Param messaging_product must be one of {WHATSAPP} - got \"" + product + "\".");
		}
	}
}

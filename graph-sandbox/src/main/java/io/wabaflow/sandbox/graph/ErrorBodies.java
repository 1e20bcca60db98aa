package io.wabaflow.sandbox.graph;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The two shapes an error takes: a Graph response body, and an {@code errors[]} entry inside a webhook. */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	/**
	 * {@code {"error":{"message","type","code","error_subcode"?,"error_data":{"messaging_product","details"},
	 * "fbtrace_id"}}}
	 */
	static ObjectNode graphError(GraphException error, String fbtraceId) {
		ObjectNode body = Json.object();
		ObjectNode inner = body.putObject("error");
		inner.put("message", error.getMessage());
		inner.put("type", error.type());
		inner.put("code", error.code());
		if (error.subcode() != null) {
			inner.put("error_subcode", error.subcode().intValue());
		}
		ObjectNode data = inner.putObject("error_data");
		data.put("messaging_product", "whatsapp");
		data.put("details", error.details());
		inner.put("fbtrace_id", fbtraceId);
		return body;
	}

	/** {@code [{"code","title","message","error_data":{"details"},"href"}]}: message equals title [STAT]. */
	public static ArrayNode webhookErrors(int code, String details) {
		ArrayNode errors = Json.array();
		ObjectNode error = errors.addObject();
		error.put("code", code);
		error.put("title", GraphErrors.title(code));
		error.put("message", GraphErrors.title(code));
		error.putObject("error_data").put("details", details == null ? GraphErrors.defaultDetails(code) : details);
		error.put("href", GraphErrors.ERROR_CODES_HREF);
		return errors;
	}
}

package io.wabaflow.metagraph.client;

/**
 * Meta's error body, {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},
 * "fbtrace_id"}}}, with the HTTP status it came with. {@code code} is null for failures that never reached
 * Meta or came back without a Graph error body (timeouts, connection failures, a proxy's 502).
 */
public record GraphError(Integer code, Integer subcode, String type, String message, String details, String fbtraceId,
		int httpStatus) {

	public GraphErrorClass classification() {
		return GraphErrorClass.of(code, httpStatus);
	}

	/** A failure with no answer from Meta (HTTP status 0). */
	public static GraphError unreachable(String message) {
		return new GraphError(null, null, null, message, null, null, 0);
	}
}

package io.wabaflow.metagraph.client;

/**
 * A Graph API call that failed, with Meta's error and its classification. The message names the
 * operation and the error, never a token or a secret (URLs with credentials are not included).
 */
public class GraphApiException extends RuntimeException {

	private final String operation;

	private final GraphError error;

	public GraphApiException(String operation, GraphError error, Throwable cause) {
		super(operation + " failed: " + describe(error), cause);
		this.operation = operation;
		this.error = error;
	}

	public String operation() {
		return operation;
	}

	public GraphError error() {
		return error;
	}

	public GraphErrorClass classification() {
		return error.classification();
	}

	/** Meta's error code, or null when there was none. */
	public Integer code() {
		return error.code();
	}

	private static String describe(GraphError error) {
		StringBuilder text = new StringBuilder();
		if (error.code() != null) {
			text.append("(#").append(error.code()).append(") ");
		}
		text.append(error.message() == null ? "no message" : error.message());
		if (error.details() != null) {
			text.append(" — ").append(error.details());
		}
		if (error.httpStatus() > 0) {
			text.append(" [HTTP ").append(error.httpStatus()).append(']');
		}
		if (error.fbtraceId() != null) {
			text.append(" fbtrace_id=").append(error.fbtraceId());
		}
		return text.append(" → ").append(error.classification()).toString();
	}
}

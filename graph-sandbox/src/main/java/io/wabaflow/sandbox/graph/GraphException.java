package io.wabaflow.sandbox.graph;

/**
 * A Graph API error, rendered by {@link GraphExceptionAdvice} as Meta's error body. Build them through
 * {@link GraphErrors} so code, type, title and HTTP status stay consistent.
 */
public final class GraphException extends RuntimeException {

	private final int code;
	private final String type;
	private final int httpStatus;
	private final String details;
	private final Integer subcode;

	GraphException(int code, String type, int httpStatus, String message, String details) {
		this(code, type, httpStatus, message, details, null);
	}

	GraphException(int code, String type, int httpStatus, String message, String details, Integer subcode) {
		super(message);
		this.code = code;
		this.type = type;
		this.httpStatus = httpStatus;
		this.details = details;
		this.subcode = subcode;
	}

	public int code() {
		return code;
	}

	public String type() {
		return type;
	}

	public int httpStatus() {
		return httpStatus;
	}

	public String details() {
		return details;
	}

	/** Meta's {@code error_subcode}, which tells apart errors sharing a code (e.g. 100); null when none. */
	public Integer subcode() {
		return subcode;
	}
}

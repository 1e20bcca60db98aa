package io.wabaflow.sandbox.graph;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Access to the authenticated caller that the interceptor put on the request. */
public final class Callers {

	private Callers() {
	}

	/** The caller, when the request carried a token the sandbox knows (media downloads check it themselves). */
	public static Optional<Caller> find(HttpServletRequest request) {
		return Optional.ofNullable((Caller) request.getAttribute(Caller.ATTRIBUTE));
	}

	public static Caller of(HttpServletRequest request) {
		Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
		if (caller == null) {
			throw GraphErrors.noToken();
		}
		return caller;
	}
}

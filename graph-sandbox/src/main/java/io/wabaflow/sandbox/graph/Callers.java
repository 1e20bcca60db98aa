package io.wabaflow.sandbox.graph;

import jakarta.servlet.http.HttpServletRequest;

/** Access to the authenticated caller that the interceptor put on the request. */
public final class Callers {

	private Callers() {
	}

	public static Caller of(HttpServletRequest request) {
		Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
		if (caller == null) {
			throw GraphErrors.noToken();
		}
		return caller;
	}
}

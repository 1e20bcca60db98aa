package io.wabaflow.sandbox.graph;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What happens to every Graph call before its handler: injected faults first (so a test can fail even a call
 * with a bad token), then authentication. The code exchange is the only call that needs no token.
 */
@Component
class GraphCallInterceptor implements HandlerInterceptor {

	private final Faults faults;
	private final AccessTokens tokens;

	GraphCallInterceptor(Faults faults, AccessTokens tokens) {
		this.faults = faults;
		this.tokens = tokens;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		GraphCall call = GraphCall.of(request);
		if (call == null) {
			call = GraphCall.from(request);
			request.setAttribute(GraphCall.ATTRIBUTE, call);
		}
		GraphParams params = GraphParams.of(request);
		faults.takeResponseFault(call).ifPresent(rule -> {
			throw rule.toException();
		});
		if (call.operation().equals(GraphCall.MEDIA_DOWNLOAD)) {
			// the CDN is not Graph: a missing or bad token is a bare 401, which the download answers itself
			token(request, params).flatMap(tokens::find)
					.ifPresent(caller -> request.setAttribute(Caller.ATTRIBUTE, caller));
		}
		else if (!call.operation().equals("oauth/access_token")) {
			request.setAttribute(Caller.ATTRIBUTE,
					tokens.resolve(token(request, params).orElseThrow(GraphErrors::noToken)));
		}
		return true;
	}

	/** {@code Authorization: Bearer <token>} (Graph also takes {@code OAuth <token>}), or {@code access_token}. */
	private static Optional<String> token(HttpServletRequest request, GraphParams params) {
		String header = request.getHeader("Authorization");
		if (header != null) {
			for (String scheme : new String[] { "Bearer ", "OAuth " }) {
				if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
					return Optional.of(header.substring(scheme.length()).trim());
				}
			}
		}
		return params.string("access_token");
	}
}

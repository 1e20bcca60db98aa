package io.wabaflow.platform.access;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>} on every request of the paths it is registered for: 401
 * (problem+json) for a missing, unknown, revoked or expired key, 503 while the key topic has not been
 * read yet. The caller is left in the request attribute {@link #PRINCIPAL_ATTRIBUTE}.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();

	private static final String BEARER = "Bearer ";

	private final KeyRing keys;

	private final Clock clock;

	private final Runnable countRefusal;

	ApiKeyFilter(KeyRing keys, Clock clock, Runnable countRefusal) {
		this.keys = keys;
		this.clock = clock;
		this.countRefusal = countRefusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!keys.loaded()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "2");
			AccessProblems.write(request, response, 503, "keys-loading", "Service Unavailable",
					"The service is still reading its API keys from Kafka; retry in a moment.");
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Optional<Principal> principal = Optional.empty();
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			principal = keys.authenticate(authorization.substring(BEARER.length()).strip(), clock.instant());
		}
		if (principal.isEmpty()) {
			countRefusal.run();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wabaflow\"");
			AccessProblems.write(request, response, 401, "unauthorized", "Unauthorized",
					"Send a valid API key as 'Authorization: Bearer <key>' (unknown, revoked and expired keys are refused; "
							+ "create one with 'wabaflow keys create').");
			return;
		}
		request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
		chain.doFilter(request, response);
	}
}

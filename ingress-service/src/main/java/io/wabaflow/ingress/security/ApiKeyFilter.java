package io.wabaflow.ingress.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code Authorization: Bearer <key>} on every command API request; 401 (problem+json) otherwise. The
 * authenticated caller is left in the request attribute {@link #CALLER_ATTRIBUTE}.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String CALLER_ATTRIBUTE = ApiKeys.ApiCaller.class.getName();

	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final MeterRegistry meters;

	ApiKeyFilter(ApiKeys apiKeys, MeterRegistry meters) {
		this.apiKeys = apiKeys;
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Optional<ApiKeys.ApiCaller> caller = Optional.empty();
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			caller = apiKeys.authenticate(authorization.substring(BEARER.length()).strip());
		}
		if (caller.isEmpty()) {
			meters.counter("wabaflow.ingress.api.unauthorized").increment();
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wabaflow\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// bytes, not the writer: JSON is UTF-8 and takes no charset parameter
			response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
					+ "\"detail\":\"Send an API key as 'Authorization: Bearer <key>'.\",\"instance\":\""
					+ request.getRequestURI().replace("\"", "").replace("\\", "") + "\"}").getBytes(StandardCharsets.UTF_8));
			return;
		}
		request.setAttribute(CALLER_ATTRIBUTE, caller.get());
		chain.doFilter(request, response);
	}
}

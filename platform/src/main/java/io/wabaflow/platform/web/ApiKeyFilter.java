package io.wabaflow.platform.web;

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


/**
 * {@code Authorization: Bearer <key>} on every request of the paths it is registered for; 401
 * (problem+json) otherwise. The authenticated caller is left in the request attribute
 * {@link #CALLER_ATTRIBUTE}.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

	public static final String CALLER_ATTRIBUTE = ApiKeys.ApiCaller.class.getName();

	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final Runnable countRefusal;

	/**
	 * @param countRefusal called for each refused request (a metric of the service's own name)
	 */
	public ApiKeyFilter(ApiKeys apiKeys, Runnable countRefusal) {
		this.apiKeys = apiKeys;
		this.countRefusal = countRefusal;
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
			countRefusal.run();
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

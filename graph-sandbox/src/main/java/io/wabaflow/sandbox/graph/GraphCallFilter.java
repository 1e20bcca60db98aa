package io.wabaflow.sandbox.graph;

import java.io.IOException;
import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Records every Graph call with its outcome (a filter, because it must also see calls that failed early). */
@Component
class GraphCallFilter extends OncePerRequestFilter {

	private final CallLog log;
	private final Clock clock;

	GraphCallFilter(CallLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !GraphPaths.isGraph(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		GraphCall call = GraphCall.from(request);
		request.setAttribute(GraphCall.ATTRIBUTE, call);
		try {
			chain.doFilter(request, response);
		}
		finally {
			log.record(call, clock.instant(), response.getStatus(),
					(Integer) request.getAttribute(GraphExceptionAdvice.ERROR_CODE_ATTRIBUTE));
		}
	}
}

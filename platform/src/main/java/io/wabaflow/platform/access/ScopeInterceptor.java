package io.wabaflow.platform.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the {@link RequiresScope} of the handler an authenticated request reached: 403 naming the
 * missing scope. Logs every accepted call that changes something (commands, admin calls) with the key id
 * and tenant, never the secret: the audit trail.
 */
final class ScopeInterceptor implements HandlerInterceptor {

	private static final Logger audit = LoggerFactory.getLogger("io.wabaflow.audit");

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		Object attribute = request.getAttribute(ApiKeyFilter.PRINCIPAL_ATTRIBUTE);
		if (!(attribute instanceof Principal principal) || !(handler instanceof HandlerMethod method)) {
			return true; // not a protected path (the filter would have answered), or not a controller
		}
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// the error page of a request that was let in and then failed: its answer must be that failure (a 500
			// with the error), never a 403 that hides it
			return true;
		}
		RequiresScope required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresScope.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresScope.class);
		}
		if (required == null) {
			LoggerFactory.getLogger(ScopeInterceptor.class).error("{} is on a protected path but declares no @RequiresScope: refused",
					method.getShortLogMessage());
			AccessProblems.write(request, response, 403, "forbidden", "Forbidden",
					"This endpoint declares no scope, so no key may call it.");
			return false;
		}
		if (!principal.has(required.value())) {
			AccessProblems.write(request, response, 403, "missing-scope", "Forbidden",
					"This key lacks the scope '" + required.value().value() + "'. Use a key that holds it, or create one with "
							+ "'wabaflow keys create --scope " + required.value().value() + "'.");
			return false;
		}
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			audit.info("key={} tenant={} scope={} {} {}", principal.keyId(), principal.tenantForLog(),
					required.value().value(), request.getMethod(), request.getRequestURI());
		}
		return true;
	}
}

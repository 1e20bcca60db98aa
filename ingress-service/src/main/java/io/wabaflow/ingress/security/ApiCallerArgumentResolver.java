package io.wabaflow.ingress.security;

import io.wabaflow.platform.web.ApiKeyFilter;
import io.wabaflow.platform.web.ApiKeys;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a command controller take the {@link ApiKeys.ApiCaller} that {@link ApiKeyFilter} authenticated. */
final class ApiCallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return ApiKeys.ApiCaller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Object caller = webRequest.getAttribute(ApiKeyFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			// A mapping outside the filter's URL patterns would otherwise run unauthenticated.
			throw new IllegalStateException("No authenticated caller: the API key filter is not mapped to this path");
		}
		return caller;
	}
}

package io.wabaflow.platform.access;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller take the {@link Principal} that {@link ApiKeyFilter} authenticated. */
final class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Principal.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Object principal = webRequest.getAttribute(ApiKeyFilter.PRINCIPAL_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (principal == null) {
			// a mapping outside the filter's URL patterns would otherwise run unauthenticated
			throw new IllegalStateException("No authenticated caller: the API key filter is not mapped to this path");
		}
		return principal;
	}
}

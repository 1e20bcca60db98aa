package io.wabaflow.sandbox.graph;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphWebConfiguration implements WebMvcConfigurer {

	private final GraphCallInterceptor interceptor;

	GraphWebConfiguration(GraphCallInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(interceptor).addPathPatterns("/v*/**", GraphPaths.MEDIA_DOWNLOAD,
				GraphPaths.MEDIA_DOWNLOAD + "/");
	}
}

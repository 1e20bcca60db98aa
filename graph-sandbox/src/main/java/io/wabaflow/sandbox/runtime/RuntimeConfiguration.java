package io.wabaflow.sandbox.runtime;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

	@Bean
	SandboxClock sandboxClock() {
		return new SandboxClock(Clock.systemUTC());
	}

	@Bean
	SandboxRandom sandboxRandom(SandboxProperties properties) {
		return new SandboxRandom(properties.seed());
	}

	/**
	 * The one HTTP client for webhook deliveries and verification challenges. Its threads are ours (daemon, our
	 * class loader, shut down with the context), so closing an embedded sandbox leaves nothing behind.
	 */
	@Bean
	HttpClient sandboxHttpClient(SandboxProperties properties, ExecutorService sandboxHttpExecutor) {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(sandboxHttpExecutor)
				.connectTimeout(properties.webhooks().timeout()).build();
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService sandboxHttpExecutor() {
		return Executors.newCachedThreadPool(daemon("sandbox-http-"));
	}

	/** Runs everything that happens "later": status webhooks, sync chunks, delivery attempts and their retries. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService sandboxScheduler(SandboxProperties properties) {
		return Executors.newScheduledThreadPool(Math.max(1, properties.webhooks().threads()),
				daemon("sandbox-scheduler-"));
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		ClassLoader loader = RuntimeConfiguration.class.getClassLoader();
		return task -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			thread.setContextClassLoader(loader);
			return thread;
		};
	}
}

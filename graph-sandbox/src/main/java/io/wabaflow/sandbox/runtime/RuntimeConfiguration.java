package io.wabaflow.sandbox.runtime;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

	/** Runs everything that happens "later": status webhooks, sync chunks, delivery attempts and their retries. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService sandboxScheduler(SandboxProperties properties) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newScheduledThreadPool(Math.max(1, properties.webhooks().threads()), task -> {
			Thread thread = new Thread(task, "sandbox-scheduler-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}
}

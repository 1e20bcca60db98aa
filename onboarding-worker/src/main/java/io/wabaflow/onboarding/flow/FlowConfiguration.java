package io.wabaflow.onboarding.flow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.wabaflow.onboarding.OnboardingProperties;

/** The failure policy and the threads steps run on between their Graph calls. */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

	@Bean
	Failures failures(OnboardingProperties properties) {
		return new Failures(new Backoff(properties.retry()));
	}

	/**
	 * Claims, transactions and the code around Graph calls run here, never on a Kafka consumer thread: a consumer
	 * thread only hands a record over and goes back to polling. Nothing on these threads waits on time either.
	 */
	@Bean
	ThreadPoolTaskExecutor onboardingExecutor(OnboardingProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("onboarding-step-");
		executor.setCorePoolSize(properties.executorThreads());
		executor.setMaxPoolSize(properties.executorThreads());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}
}

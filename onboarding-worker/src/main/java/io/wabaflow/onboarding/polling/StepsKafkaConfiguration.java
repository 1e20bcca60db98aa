package io.wabaflow.onboarding.polling;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The container factory of the worker's asynchronous listeners (commands, steps, delay tiers), with the platform's
 * error handler ({@code DeadLetterErrorHandlers}): a failing record is retried with the container paused, then
 * dead-lettered with the reason; a record that failed because the database is away waits for it as long as the
 * outage lasts; a delay tier's head that is not due yet is read again when its partition resumes.
 */
@Configuration(proxyBeanMethods = false)
class StepsKafkaConfiguration {

	static final String FACTORY = "onboardingAsyncContainerFactory";

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> onboardingAsyncContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
			DefaultErrorHandler wabaflowErrorHandler) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setCommonErrorHandler(wabaflowErrorHandler);
		return factory;
	}
}

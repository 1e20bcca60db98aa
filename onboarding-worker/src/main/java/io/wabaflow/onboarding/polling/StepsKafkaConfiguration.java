package io.wabaflow.onboarding.polling;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The container factory of the worker's asynchronous listeners (commands, steps, delay tiers). Their failures never
 * reach the container: each listener settles its record itself ({@code AsyncRecordSettler}: retried, an outage waited
 * out, dead-lettered with the reason), because the container's path for failed futures is fragile. The platform's
 * error handler set here sees only what is thrown before a future exists: an undecodable record (dead-lettered), and a
 * delay tier's head that is not due yet (read again when its partition resumes).
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

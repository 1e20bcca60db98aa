package io.wabaflow.onboarding.polling;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.TaskScheduler;

import io.wabaflow.platform.kafka.DeadLetters;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.platform.kafka.WabaflowKafkaProperties;

/**
 * The container factory of the worker's asynchronous listeners (commands, steps, delay tiers). Like the platform's
 * default it retries a failing record with the container paused, then dead-letters it with the reason; unlike it,
 * it knows the delay gate: a {@code KafkaBackoffException} ("this partition's head is not due yet") is neither a
 * failure nor a dead letter, the record is sought back and read again when the partition resumes.
 */
@Configuration(proxyBeanMethods = false)
class StepsKafkaConfiguration {

	static final String FACTORY = "onboardingAsyncContainerFactory";

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> onboardingAsyncContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
			KafkaTemplate<Object, Object> deadLetterKafkaTemplate, ListenerContainerRegistry registry,
			@Qualifier("wabaflowKafkaBackOffScheduler") TaskScheduler scheduler, WabaflowKafkaProperties properties) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterKafkaTemplate,
				(record, exception) -> new TopicPartition(DeadLetters.topicFor(record.topic()), -1));
		deadLetters.setFailIfSendResultIsError(true);
		deadLetters.setHeadersFunction((record, exception) -> {
			Throwable root = exception;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			RecordHeaders headers = new RecordHeaders();
			headers.add(DeadLetters.REASON_HEADER,
					(root.getClass().getSimpleName() + ": " + root.getMessage()).getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.getRetries());
		backOff.setInitialInterval(properties.getRetryInitialInterval().toMillis());
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(properties.getRetryMaxInterval().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
			if (SeekUtils.isBackoffException(exception)) {
				// not due yet: the error handler seeks the record back instead of recovering it
				throw (RuntimeException) exception;
			}
			deadLetters.accept(record, exception);
		}, backOff, new ContainerPausingBackOffHandler(new ListenerContainerPauseService(registry, scheduler)));
		handler.addNotRetryableExceptions(PoisonRecordException.class);
		factory.setCommonErrorHandler(handler);
		return factory;
	}
}

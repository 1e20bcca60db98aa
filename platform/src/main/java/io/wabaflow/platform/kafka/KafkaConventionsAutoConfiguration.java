package io.wabaflow.platform.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * Kafka conventions every service gets by depending on {@code platform}:
 * <ul>
 * <li>every catalogue topic and its dead-letter topic exist at start-up (brokers are assumed to run
 * with {@code auto.create.topics.enable=false});</li>
 * <li>a record that cannot be decoded, or whose processing keeps failing, is published to
 * {@code <topic>.dlt} with the exception and its origin in headers, and the consumer moves on;</li>
 * <li>the short retries before that pause the container instead of sleeping on the consumer thread.</li>
 * </ul>
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(WabaflowKafkaProperties.class)
public class KafkaConventionsAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics wabaflowCatalogueTopics() {
		List<NewTopic> topics = new ArrayList<>();
		for (TopicSpec spec : Topics.ALL) {
			topics.add(TopicBuilder.name(spec.name()).partitions(spec.partitions()).configs(spec.configs()).build());
			topics.add(TopicBuilder.name(spec.deadLetterTopic()).partitions(1).configs(TopicSpec.deadLetterConfigs()).build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	/**
	 * Publishes dead letters. Its values are either the decoded record (processing failed) or the original
	 * bytes (decoding failed), so it serializes both.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "deadLetterKafkaTemplate")
	KafkaTemplate<Object, Object> deadLetterKafkaTemplate(KafkaProperties properties) {
		Map<String, Object> configs = new LinkedHashMap<>(properties.buildProducerProperties());
		configs.put(ProducerConfig.ACKS_CONFIG, "all");
		configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new LinkedHashMap<>();
		byType.put(byte[].class, new ByteArraySerializer());
		byType.put(org.apache.avro.specific.SpecificRecord.class, new AvroSerializer());
		byType.put(String.class, new StringSerializer());
		DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(configs,
				new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(), String.class,
						new StringSerializer()), true),
				new DelegatingByTypeSerializer(byType, true));
		return new KafkaTemplate<>(factory);
	}

	/** Resumes containers paused between retries of a failing record. */
	@Bean
	SimpleAsyncTaskScheduler wabaflowKafkaBackOffScheduler() {
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setThreadNamePrefix("kafka-backoff-");
		return scheduler;
	}

	/** The error handling of listeners that return a future: see {@link AsyncRecordSettler}. */
	@Bean
	AsyncRecordSettler wabaflowAsyncRecordSettler(KafkaTemplate<Object, Object> deadLetterKafkaTemplate,
			WabaflowKafkaProperties properties, SimpleAsyncTaskScheduler wabaflowKafkaBackOffScheduler) {
		return new AsyncRecordSettler(DeadLetterErrorHandlers.deadLetterPublisher(deadLetterKafkaTemplate),
				wabaflowKafkaBackOffScheduler, properties);
	}

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler wabaflowErrorHandler(KafkaTemplate<Object, Object> deadLetterKafkaTemplate,
			ListenerContainerRegistry registry, WabaflowKafkaProperties properties,
			SimpleAsyncTaskScheduler wabaflowKafkaBackOffScheduler) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.getRetries());
		backOff.setInitialInterval(properties.getRetryInitialInterval().toMillis());
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(properties.getRetryMaxInterval().toMillis());
		return DeadLetterErrorHandlers.create(deadLetterKafkaTemplate, registry, wabaflowKafkaBackOffScheduler, backOff);
	}
}

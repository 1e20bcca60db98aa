package io.wabaflow.ingress.publish;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wabaflow.ingress.IngressProperties;

/**
 * Derives the producer's own timeouts from the publish timeout, so the producer gives up on a record at
 * about the moment the request answers 503, instead of delivering it minutes later (Kafka's defaults
 * are 2 minutes). Delivery after a 503 is still possible in a narrow window: Meta then retries a change
 * that is already on the topic, and consumers drop the duplicate by event id.
 */
@Configuration(proxyBeanMethods = false)
class ProducerTimeouts {

	@Bean
	DefaultKafkaProducerFactoryCustomizer ingressProducerTimeouts(IngressProperties properties) {
		long timeout = Math.max(1_000, properties.publishTimeout().toMillis());
		Map<String, Object> configs = new HashMap<>();
		configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
		// delivery.timeout.ms must cover linger.ms + request.timeout.ms
		configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout - 100));
		configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		// send() blocks the request thread while it has no metadata or no buffer: keep that short
		configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2);
		return factory -> factory.updateConfigs(configs);
	}
}

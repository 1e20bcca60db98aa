package io.wabaflow.ingress.publish;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wabaflow.ingress.IngressProperties;

/**
 * The ingress's producer. Its own timeouts follow the publish timeout, so the producer gives up on a record at
 * about the moment the request answers 503, instead of delivering it minutes later (Kafka's defaults
 * are 2 minutes). Delivery after a 503 is still possible in a narrow window: Meta then retries a change
 * that is already on the topic, and consumers drop the duplicate by event id.
 */
@Configuration(proxyBeanMethods = false)
class ProducerSettings {

	@Bean
	DefaultKafkaProducerFactoryCustomizer ingressProducerSettings(IngressProperties properties) {
		long timeout = Math.max(1_000, properties.publishTimeout().toMillis());
		Map<String, Object> configs = new HashMap<>();
		configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
		// delivery.timeout.ms must cover linger.ms + request.timeout.ms
		configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout - 100));
		configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		// send() blocks the request thread while it has no metadata or no buffer: keep that short
		configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2);
		// One change can be as large as its webhook (3 MB of history): the producer's 1 MB default would refuse it
		// for good, and Meta would retry it for days. Headroom for the record's other fields.
		configs.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE,
				properties.webhookBodyLimit().toBytes() + 1024 * 1024));
		// Webhook JSON compresses several times over: less for the broker to store, and most large changes stay
		// under a broker's default 1 MB message limit.
		configs.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		// Thousands of ~2 KB changes a second to few partitions: 16 KB batches (the default) would cap throughput
		// at max.in.flight batches per broker round trip.
		configs.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		return factory -> factory.updateConfigs(configs);
	}
}

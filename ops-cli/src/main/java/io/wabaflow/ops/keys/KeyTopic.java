package io.wabaflow.ops.keys;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.KeyRing;
import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.access.ApiKey;

/** The key topic as the services see it: read to its end, like each service's key ring. */
final class KeyTopic {

	private KeyTopic() {
	}

	static List<ApiKey> current(KafkaOptions kafka) throws InterruptedException {
		KeyRing ring = new KeyRing();
		try (CompactedTopicView<ApiKey> view = new CompactedTopicView<>(Topics.API_KEYS, ApiKey.class,
				kafka.bootstrapServers(), Map.of("default.api.timeout.ms", 15_000), ring::apply)) {
			view.start();
			if (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
				throw new IllegalStateException("Could not read " + Topics.API_KEYS.name() + " within 30 s");
			}
		}
		return ring.all();
	}

	static ApiKey find(KafkaOptions kafka, String keyId) throws InterruptedException {
		return current(kafka).stream().filter(key -> key.getKeyId().equals(keyId)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No key " + keyId + " (revoked, or never created): "
						+ "'wabaflow keys list' shows the keys"));
	}

	static ApiKeyIssuer issuer(KafkaOptions kafka) {
		return ApiKeyIssuer.connect(kafka.bootstrapServers(), Map.of("max.block.ms", 15_000));
	}

	static String tenant(ApiKey key) {
		return key.getTenantId() == null ? "* (operator)" : key.getTenantId();
	}
}

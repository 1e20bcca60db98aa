package io.wabaflow.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.wabaflow.platform.access.ApiKeyFormat;
import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.DevKeys;
import io.wabaflow.platform.access.KeyRing;
import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.access.ApiKey;

/**
 * Writes the development keys (two tenants and an operator, {@link DevKeys}) to the key topic before the
 * services start, so that they accept them from their first request. Keys already there are left alone:
 * a key revoked by hand stays revoked only until the next start, which is what a development stack wants.
 */
public final class DevKeysSeeder {

	private DevKeysSeeder() {
	}

	public static void seed(String bootstrapServers) {
		createKeyTopic(bootstrapServers);
		KeyRing ring = new KeyRing();
		try (CompactedTopicView<ApiKey> view = new CompactedTopicView<>(Topics.API_KEYS, ApiKey.class, bootstrapServers,
				Map.of(), ring::apply)) {
			view.start();
			if (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
				throw new IllegalStateException("Could not read " + Topics.API_KEYS.name() + " at " + bootstrapServers);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the key topic", e);
		}
		try (ApiKeyIssuer issuer = ApiKeyIssuer.connect(bootstrapServers)) {
			for (DevKeys.SeedKey seed : DevKeys.ALL) {
				if (ring.find(ApiKeyFormat.keyId(seed.secret())).isEmpty()) {
					issuer.register(seed.secret(), seed.tenant(), seed.scopes(), null, seed.description(), Instant.now());
				}
			}
		}
	}

	private static void createKeyTopic(String bootstrapServers) {
		TopicSpec spec = Topics.API_KEYS;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(spec.configs())))
					.all().get();
		}
		catch (ExecutionException e) {
			if (!(e.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create " + spec.name() + ": " + e.getCause().getMessage(), e);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

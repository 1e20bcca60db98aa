package io.wabaflow.platform.access;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.access.ApiKey;
import io.wabaflow.schemas.serde.AvroSerializer;

/**
 * Writes API keys to {@code wabaflow.api-keys.v1}: create (the secret is returned once and never stored),
 * change expiry, revoke (a tombstone). Used by the {@code wabaflow keys} command, by seeding and by tests;
 * every service picks the change up from the topic.
 */
public final class ApiKeyIssuer implements AutoCloseable {

	private final Producer<String, SpecificRecord> producer;

	private final boolean owned;

	/** Writes through {@code producer}, which the caller keeps and closes. */
	public ApiKeyIssuer(Producer<String, SpecificRecord> producer) {
		this(producer, false);
	}

	private ApiKeyIssuer(Producer<String, SpecificRecord> producer, boolean owned) {
		this.producer = producer;
		this.owned = owned;
	}

	/** An issuer with a producer of its own (acks=all, idempotent), closed with it. */
	public static ApiKeyIssuer connect(String bootstrapServers, Map<String, Object> extraConfig) {
		Map<String, Object> config = new HashMap<>(extraConfig);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new ApiKeyIssuer(new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer()), true);
	}

	public static ApiKeyIssuer connect(String bootstrapServers) {
		return connect(bootstrapServers, Map.of());
	}

	@Override
	public void close() {
		if (owned) {
			producer.close();
		}
	}

	/** A key and the only copy of its secret. */
	public record IssuedKey(String secret, ApiKey record) {

		public String keyId() {
			return record.getKeyId();
		}
	}

	/** A new random key for {@code tenantId} ({@code null}: an operator key). */
	public IssuedKey create(String tenantId, Collection<Scope> scopes, Instant expiresAt, String description, Instant now) {
		String secret = ApiKeyFormat.generate();
		return new IssuedKey(secret, publish(record(secret, tenantId, scopes, expiresAt, description, now)));
	}

	/** Publishes a key whose secret the caller chose (seeded development or test keys). */
	public ApiKey register(String secret, String tenantId, Collection<Scope> scopes, Instant expiresAt,
			String description, Instant now) {
		return publish(record(secret, tenantId, scopes, expiresAt, description, now));
	}

	/** The record of a key with this secret, validated: operator-only scopes on tenant keys are refused. */
	public static ApiKey record(String secret, String tenantId, Collection<Scope> scopes, Instant expiresAt,
			String description, Instant now) {
		if (scopes.isEmpty()) {
			throw new IllegalArgumentException("A key needs at least one scope (" + List.of(Scope.values()) + ")");
		}
		if (tenantId != null && scopes.contains(Scope.ADMIN)) {
			throw new IllegalArgumentException("The admin scope is for operator keys only: a tenant's key cannot hold it");
		}
		if (tenantId != null && (tenantId.isBlank() || tenantId.length() > 128)) {
			throw new IllegalArgumentException("A tenant id is 1 to 128 characters");
		}
		return ApiKey.newBuilder().setKeyId(ApiKeyFormat.keyId(secret)).setTenantId(tenantId)
				.setScopes(scopes.stream().distinct().sorted().map(Scope::value).toList())
				.setKeySha256(ByteBuffer.wrap(ApiKeyFormat.sha256(secret))).setDescription(description)
				.setCreatedAt(now).setExpiresAt(expiresAt).build();
	}

	/** The key refused from {@code expiresAt} on (rotation: the old key keeps working for a grace period). */
	public ApiKey expire(ApiKey key, Instant expiresAt) {
		return publish(ApiKey.newBuilder(key).setExpiresAt(expiresAt).build());
	}

	/** The key refused from now on, by every service. */
	public void revoke(String keyId) {
		send(new ProducerRecord<>(Topics.API_KEYS.name(), keyId, null));
	}

	private ApiKey publish(ApiKey key) {
		send(new ProducerRecord<>(Topics.API_KEYS.name(), key.getKeyId(), key));
		return key;
	}

	private void send(ProducerRecord<String, SpecificRecord> record) {
		try {
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing to " + record.topic(), e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("Could not write to " + record.topic() + ": " + e.getMessage(), e);
		}
	}
}

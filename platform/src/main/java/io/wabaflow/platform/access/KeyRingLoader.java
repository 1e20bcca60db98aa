package io.wabaflow.platform.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.access.ApiKey;

/**
 * Loads the key ring before the web server takes requests (it starts in an earlier lifecycle phase), then
 * keeps following the topic; writes the seed keys that are not on it yet.
 */
final class KeyRingLoader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KeyRingLoader.class);

	private final KeyRing ring;

	private final CompactedTopicView<ApiKey> view;

	private final List<DevKeys.SeedKey> seeds;

	private final java.util.function.Supplier<Producer<String, SpecificRecord>> producers;

	private final Duration timeout;

	private final Clock clock;

	private volatile boolean running;

	KeyRingLoader(KeyRing ring, CompactedTopicView<ApiKey> view, List<DevKeys.SeedKey> seeds,
			java.util.function.Supplier<Producer<String, SpecificRecord>> producers, Duration timeout, Clock clock) {
		this.ring = ring;
		this.view = view;
		this.seeds = seeds;
		this.producers = producers;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public void start() {
		view.start();
		running = true;
		try {
			if (!view.awaitCaughtUp(timeout)) {
				log.warn("The API keys topic was not read within {}: requests are answered 503 until it is", timeout);
				Thread late = new Thread(this::finishLater, "api-keys-late-load");
				late.setDaemon(true);
				late.start();
				return;
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		loaded();
	}

	private void finishLater() {
		try {
			while (running && !view.awaitCaughtUp(Duration.ofSeconds(5))) {
				log.warn("Still waiting for the API keys topic");
			}
			if (running) {
				loaded();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void loaded() {
		seed();
		ring.markLoaded();
		long operators = ring.all().stream().filter(key -> key.getTenantId() == null).count();
		log.info("API keys loaded: {} key(s), {} operator key(s)", ring.all().size(), operators);
		if (ring.all().isEmpty()) {
			log.warn("No API key exists yet: every API call is refused. Create the first operator key with "
					+ "'wabaflow keys create --operator --scope admin --scope read' (ops-cli), which prints its secret once.");
		}
	}

	private void seed() {
		List<DevKeys.SeedKey> missing = seeds.stream()
				.filter(seed -> ring.find(ApiKeyFormat.keyId(seed.secret()))
						.filter(key -> ApiKeyFormat.matches(seed.secret(), key.getKeySha256())).isEmpty())
				.toList();
		if (missing.isEmpty()) {
			return;
		}
		try (Producer<String, SpecificRecord> producer = producers.get()) {
			ApiKeyIssuer issuer = new ApiKeyIssuer(producer);
			Instant now = clock.instant();
			for (DevKeys.SeedKey seed : missing) {
				ApiKey key = issuer.register(seed.secret(), seed.tenant(), seed.scopes(), null, seed.description(), now);
				ring.apply(key.getKeyId(), key); // usable at once; the topic brings the same record back
				log.info("Seeded API key {} (tenant {}, scopes {})", key.getKeyId(),
						seed.tenant() == null ? "* operator" : seed.tenant(), key.getScopes());
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		view.close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the web server (which starts at {@code SmartLifecycle.DEFAULT_PHASE - 1024}). */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 2048;
	}
}

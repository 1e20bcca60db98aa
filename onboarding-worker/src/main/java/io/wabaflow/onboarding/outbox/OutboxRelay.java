package io.wabaflow.onboarding.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.OnboardingProperties;

/**
 * Publishes the outbox in the order it was written, then deletes what the broker acknowledged (acks=all).
 * It runs on its own single thread, at once when a transaction {@linkplain Outbox#committed() says so} and
 * otherwise every {@code wabaflow.onboarding.outbox.interval}, in batches. One relay at a time across instances
 * (a PostgreSQL advisory lock), so records leave in outbox order. That thread waits for the broker's
 * acknowledgements; no consumer thread ever does.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	/** The advisory lock key of the relay ("outbx" in ASCII). */
	private static final long LOCK = 0x6f7574627876L;

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final Jdbi jdbi;

	private final OnboardingProperties.Outbox settings;

	private final KafkaTemplate<String, byte[]> template;

	private final AtomicBoolean nudged = new AtomicBoolean();

	private final AtomicLong published = new AtomicLong();

	private volatile ScheduledExecutorService thread;

	OutboxRelay(Jdbi jdbi, OnboardingProperties properties, KafkaProperties kafka) {
		this.jdbi = jdbi;
		this.settings = properties.outbox();
		Map<String, Object> configs = kafka.buildProducerProperties();
		configs.put(ProducerConfig.ACKS_CONFIG, "all");
		configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(configs,
				new StringSerializer(), new ByteArraySerializer());
		this.template = new KafkaTemplate<>(factory);
	}

	/** Asks for a round soon; rounds never overlap (one thread). */
	void nudge() {
		ScheduledExecutorService current = thread;
		if (current != null && nudged.compareAndSet(false, true)) {
			try {
				current.execute(() -> {
					nudged.set(false);
					drain();
				});
			}
			catch (java.util.concurrent.RejectedExecutionException stopping) {
				nudged.set(false);
			}
		}
	}

	/** Records published since start (tests and metrics). */
	public long published() {
		return published.get();
	}

	/** Publishes everything in the outbox now (tests: wait for the outbox to be empty). */
	public int pending() {
		return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox").mapTo(Integer.class).one());
	}

	private void drain() {
		try {
			int round;
			do {
				round = jdbi.inTransaction(handle -> {
					boolean mine = handle.createQuery("SELECT pg_try_advisory_xact_lock(:lock)").bind("lock", LOCK)
							.mapTo(Boolean.class).one();
					if (!mine) {
						return 0; // another instance's relay is publishing; it will take these rows too
					}
					List<Row> rows = handle.createQuery("""
							SELECT id, topic, message_key, payload FROM outbox ORDER BY id LIMIT :limit
							""").bind("limit", settings.batchSize())
							.map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
									rs.getBytes("payload")))
							.list();
					if (rows.isEmpty()) {
						return 0;
					}
					List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
					for (Row row : rows) {
						sends.add(template.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
					}
					// the rows are deleted only once every record is durable on the broker
					CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
					handle.createUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
							.bindArray("ids", Long.class, rows.stream().map(Row::id).toList()).execute();
					published.addAndGet(rows.size());
					return rows.size();
				});
			}
			while (round == settings.batchSize() && thread != null);
		}
		catch (Exception e) {
			log.warn("Outbox relay round failed, the rows stay for the next round: {}", e.toString());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread t = new Thread(runnable, "onboarding-outbox-relay");
			t.setDaemon(true);
			return t;
		});
		thread = executor;
		long period = Math.max(10, settings.interval().toMillis());
		executor.scheduleWithFixedDelay(this::drain, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = thread;
		thread = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		template.getProducerFactory().reset();
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}

	/**
	 * Starts before and stops after the listener containers (phase {@code Integer.MAX_VALUE - 100}), so what their
	 * last steps committed still gets out.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

	private record Row(long id, String topic, String key, byte[] payload) {
	}
}

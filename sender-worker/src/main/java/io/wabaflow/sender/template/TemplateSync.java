package io.wabaflow.sender.template;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;

/**
 * Reads WABAs' template lists from Meta into the catalogue: a WABA seen for the first time (a number onboarded: the
 * registry wakes the timer at once),
 * one whose catalogue is older than {@code refresh-after}, one a webhook marked stale (a template it did not know,
 * changed components), and on demand. A timer of its own looks every {@code check-interval}, so that a failed read
 * (Meta away, token revoked) is simply tried again at the next look; the calls are asynchronous and never hold a
 * consumer thread.
 */
@Component
class TemplateSync implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TemplateSync.class);

	private final NumberRegistry registry;

	private final GraphClient graph;

	private final TemplateStore store;

	private final TemplateProperties properties;

	private final Clock clock;

	private final Map<String, CompletableFuture<Integer>> inFlight = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService timer;

	private final AtomicBoolean lookRequested = new AtomicBoolean();

	TemplateSync(NumberRegistry registry, GraphClient graph, TemplateStore store, TemplateProperties properties,
			Clock clock) {
		this.registry = registry;
		this.graph = graph;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		registry.onNewActiveWaba(wabaId -> lookSoon());
	}

	/** A look now rather than at the next interval; requests while one is pending are one look. */
	private void lookSoon() {
		ScheduledExecutorService current = timer;
		if (current != null && lookRequested.compareAndSet(false, true)) {
			current.execute(() -> {
				lookRequested.set(false);
				check();
			});
		}
	}

	/**
	 * Reads the WABA's templates from Meta now (or joins a read already under way); completes with how many there
	 * are. Empty when no number of the WABA is registered (nothing to read it with).
	 */
	Optional<CompletableFuture<Integer>> syncNow(String wabaId) {
		List<RegisteredNumber> numbers = registry.inWaba(wabaId);
		if (numbers.isEmpty()) {
			return Optional.empty();
		}
		RegisteredNumber number = numbers.get(0);
		CompletableFuture<Integer> read = new CompletableFuture<>();
		CompletableFuture<Integer> running = inFlight.putIfAbsent(wabaId, read);
		if (running != null) {
			return Optional.of(running);
		}
		try {
			graph.messageTemplates(wabaId, registry.accessToken(number)).thenApply(listed -> {
				store.replace(wabaId, number.tenantId(), listed, clock.instant());
				log.info("Template catalogue of WABA {} read from Meta: {} templates", wabaId, listed.size());
				return listed.size();
			}).whenComplete((count, failure) -> {
				inFlight.remove(wabaId, read);
				if (failure != null) {
					read.completeExceptionally(failure);
				}
				else {
					read.complete(count);
				}
			});
		}
		catch (RuntimeException e) {
			inFlight.remove(wabaId, read);
			read.completeExceptionally(e);
		}
		return Optional.of(read);
	}

	/** One look: every WABA with an active number whose catalogue is missing or due. */
	void check() {
		try {
			Map<String, Instant> synced = store.syncedAt();
			Instant due = clock.instant().minus(properties.refreshAfter());
			for (String wabaId : registry.activeWabas()) {
				Instant at = synced.get(wabaId);
				if (at == null || at.isBefore(due)) {
					syncNow(wabaId).ifPresent(read -> read.exceptionally(failure -> {
						log.warn("Could not read the templates of WABA {} (tried again in {}): {}", wabaId,
								properties.checkInterval(), failure.toString());
						return 0;
					}));
				}
			}
		}
		catch (RuntimeException e) {
			log.warn("Template catalogue check failed (tried again in {}): {}", properties.checkInterval(), e.toString());
		}
	}

	void stale(Set<String> wabaIds) {
		store.stale(wabaIds);
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "sender-template-sync");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.checkInterval().toMillis();
		started.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
		timer = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = timer;
		timer = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return timer != null;
	}
}

package io.wabaflow.sender.media;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.wabaflow.platform.concurrent.AsyncLimiter;
import io.wabaflow.platform.kafka.DelayTopics;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.media.MediaDownload;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.media.MediaState;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;

/**
 * Runs the downloads: each (number, media id) claimed in {@code media_downloads}, downloaded by {@link MediaFetch},
 * and settled: its {@link MediaEvent} published, then its row. A failure Meta may get over (throttling, a timeout,
 * an expired URL, a number the registry does not know yet) is tried again through the delay topics; one it will not
 * (the media is gone, too large) or the last attempt's ends {@code failed} with the reason.
 *
 * <p>Nobody waits for a download: the webhook listener and the delay listener start it and move on. What keeps it
 * from being lost is its row (pending or leased), which the sweeper starts again when nobody finished it. Each
 * number has its own few slots ({@code per-number}), so a slow number holds back only itself.
 */
final class Downloads implements DelayTopics.Handler {

	private static final Logger log = LoggerFactory.getLogger(Downloads.class);

	static final String STORED = "stored";

	static final String FAILED = "failed";

	private final DownloadStore store;

	private final NumberRegistry registry;

	private final MediaFetch fetch;

	private final KafkaTemplate<String, Object> kafka;

	private final DelayTopics retries;

	private final MediaProperties properties;

	private final Executor database;

	private final Clock clock;

	private final Map<String, AsyncLimiter> slots = new ConcurrentHashMap<>();

	Downloads(DownloadStore store, NumberRegistry registry, MediaFetch fetch, KafkaTemplate<String, Object> kafka,
			DelayTopics retries, MediaProperties properties, Executor database, Clock clock) {
		this.store = store;
		this.registry = registry;
		this.fetch = fetch;
		this.kafka = kafka;
		this.retries = retries;
		this.properties = properties;
		this.database = database;
		this.clock = clock;
	}

	/** Starts the downloads of these references that were not requested before. */
	void request(List<MediaReference> references) {
		for (DownloadStore.Key key : store.request(references, clock.instant())) {
			start(key);
		}
	}

	/** Starts a download in its number's slots; the future completes when this attempt is over. */
	CompletableFuture<Void> start(DownloadStore.Key key) {
		return slots.computeIfAbsent(key.phoneNumberId(), number -> new AsyncLimiter(properties.perNumber()))
				.submit(() -> attempt(key)).exceptionally(failure -> {
					// the row stays unsettled: the sweeper starts it again
					log.warn("Download of media {} of {} stopped: {}", key.mediaId(), key.phoneNumberId(),
							failure.toString());
					return null;
				});
	}

	/** A delay record fell due: its download is started, not waited for (its row keeps it). */
	@Override
	public CompletableFuture<Void> due(Object value, int attempt) {
		if (value instanceof MediaDownload download) {
			start(new DownloadStore.Key(download.getPhoneNumberId(), download.getMediaId()));
		}
		else {
			log.warn("Not a MediaDownload on a media delay topic: {}", value == null ? null : value.getClass());
		}
		return CompletableFuture.completedFuture(null);
	}

	int waiting(String phoneNumberId) {
		AsyncLimiter limiter = slots.get(phoneNumberId);
		return limiter == null ? 0 : limiter.waiting();
	}

	private CompletableFuture<Void> attempt(DownloadStore.Key key) {
		return CompletableFuture.supplyAsync(() -> store.claim(key, clock.instant(), properties.lease()), database)
				.thenCompose(claimed -> claimed.map(this::download).orElseGet(() -> CompletableFuture.completedFuture(null)));
	}

	private CompletableFuture<Void> download(DownloadStore.Claimed claimed) {
		Optional<RegisteredNumber> number = registry.find(claimed.phoneNumberId());
		if (number.isEmpty()) {
			// the registry may not have caught up with a number onboarded a moment ago: tried again
			return settle(claimed, null, MediaFetch.Outcome.retry("NUMBER_UNKNOWN",
					"the number " + claimed.phoneNumberId() + " is not registered with this sender"));
		}
		String tenant = number.get().tenantId();
		return fetch.fetch(claimed, registry.accessToken(number.get()))
				.thenCompose(outcome -> settle(claimed, tenant, outcome));
	}

	private CompletableFuture<Void> settle(DownloadStore.Claimed claimed, String tenant, MediaFetch.Outcome outcome) {
		MediaFetch.Outcome last = outcome.retryable() && claimed.attempt() >= properties.maxAttempts()
				? outcome.givenUp(properties.maxAttempts()) : outcome;
		if (last.retryable()) {
			Duration delay = properties.delayAfter(claimed.attempt());
			log.info("Media {} of {}: attempt {} failed ({}: {}), trying again in {}", claimed.mediaId(),
					claimed.phoneNumberId(), claimed.attempt(), last.reason(), last.detail(), delay);
			return CompletableFuture.runAsync(() -> store.later(claimed, last.reason(), last.detail(),
					clock.instant().plus(delay), clock.instant()), database)
					.thenCompose(ignored -> retries.delay(claimed.phoneNumberId(), MediaDownload.newBuilder()
							.setTenantId(tenant).setPhoneNumberId(claimed.phoneNumberId()).setMediaId(claimed.mediaId())
							.setAttempt(claimed.attempt() + 1).build(), claimed.attempt() + 1, delay));
		}
		Instant now = clock.instant();
		MediaEvent event = MediaEvent.newBuilder().setEventId(eventId(claimed, last)).setTenantId(tenant)
				.setPhoneNumberId(claimed.phoneNumberId()).setMediaId(claimed.mediaId())
				.setState(last.stored() ? MediaState.STORED : MediaState.FAILED)
				.setMimeType(last.mimeType() != null ? last.mimeType() : claimed.mimeType())
				.setSha256(last.sha256()).setSize(last.size()).setReason(last.reason()).setDetail(last.detail())
				.setAttempts(claimed.attempt()).setOccurredAt(now).build();
		if (!last.stored()) {
			log.warn("Media {} of {} failed for good after {} attempt(s): {}: {}", claimed.mediaId(),
					claimed.phoneNumberId(), claimed.attempt(), last.reason(), last.detail());
		}
		// the event first: a row settled without its event would hide the outcome from the projection forever
		return kafka.send(Topics.MEDIA_EVENTS.name(), claimed.phoneNumberId(), event)
				.thenAcceptAsync(sent -> store.settle(claimed, tenant, last.stored() ? STORED : FAILED, last.sha256(),
						last.size(), last.reason(), last.detail(), now), database);
	}

	private static String eventId(DownloadStore.Claimed claimed, MediaFetch.Outcome outcome) {
		String name = "media:" + claimed.phoneNumberId() + ":" + claimed.mediaId() + ":"
				+ (outcome.stored() ? STORED + ":" + outcome.sha256() : FAILED + ":" + outcome.reason());
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}
}

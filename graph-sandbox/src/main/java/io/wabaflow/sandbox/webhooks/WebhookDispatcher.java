package io.wabaflow.sandbox.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Generation;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers webhooks the way Meta does: POSTs the escaped-unicode JSON envelope, signed with the app secret, to
 * the callback URL (or the WABA's override), from background threads, and retries with exponential backoff while
 * the callback answers non-2xx or cannot be reached. Applies the scenario's delivery chaos on the way out.
 */
@Component
public class WebhookDispatcher {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	/** Fields a WABA override callback applies to [OVRD]; everything else goes to the app's callback URL. */
	private static final Set<String> OVERRIDABLE = Set.of("messages", "message_echoes", "smb_message_echoes",
			"smb_app_state_sync", "history", "calls", "account_settings_update");

	/** Account-level fields reach the app even for a WABA whose webhooks it has not subscribed to. */
	private static final Set<String> ACCOUNT_LEVEL = Set.of("account_update");

	private final SandboxProperties.Webhooks settings;
	private final CallbackTarget target;
	private final DeliveryLog deliveries;
	private final DeliveryChaos chaos;
	private final World world;
	private final ScheduledExecutorService scheduler;
	private final Generation generation;
	private final Clock clock;
	private final AtomicLong seq = new AtomicLong();
	private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
	private final HttpClient client;

	WebhookDispatcher(SandboxProperties properties, CallbackTarget target, DeliveryLog deliveries,
			DeliveryChaos chaos, World world, ScheduledExecutorService sandboxScheduler, Generation generation,
			Clock clock, HttpClient sandboxHttpClient) {
		this.settings = properties.webhooks();
		this.target = target;
		this.deliveries = deliveries;
		this.chaos = chaos;
		this.world = world;
		this.scheduler = sandboxScheduler;
		this.generation = generation;
		this.clock = clock;
		this.client = sandboxHttpClient;
	}

	/** Queues one webhook; returns the ids of the deliveries made for it (two when duplicated). */
	public List<String> dispatch(Webhook webhook) {
		String body = EscapedUnicode.escape(Json.write(webhook.envelope()));
		CallbackTarget.Settings app = target.settings();
		Waba waba = world.waba(webhook.wabaId()).orElse(null);
		String url = waba != null && waba.overrideCallbackUri() != null && OVERRIDABLE.contains(webhook.field())
				? waba.overrideCallbackUri()
				: app.callbackUrl();
		Delivery.State dropped = null;
		if (settings.requireSubscription() && !ACCOUNT_LEVEL.contains(webhook.field())
				&& (waba == null || !waba.appSubscribed())) {
			dropped = Delivery.State.DROPPED_NOT_SUBSCRIBED;
		}
		else if (url == null || url.isBlank()) {
			dropped = Delivery.State.DROPPED_NO_CALLBACK;
		}
		else if (settings.requireVerifiedCallback() && url.equals(app.callbackUrl()) && !app.verified()) {
			dropped = Delivery.State.DROPPED_UNVERIFIED;
		}
		String signature = WebhookSignature.sign(app.appSecret(), body.getBytes(StandardCharsets.UTF_8));
		Delivery delivery = create(webhook, url, body, signature, null,
				dropped == null ? Delivery.State.SCHEDULED : dropped);
		if (dropped != null) {
			return List.of(delivery.id);
		}
		var decision = chaos.decide(delivery);
		if (decision.isEmpty()) {
			schedule(delivery, Duration.ZERO);
			return List.of(delivery.id);
		}
		ChaosRule rule = decision.get().rule().rule;
		delivery.chaos(rule.effect().name().toLowerCase());
		switch (rule.effect()) {
			case DELAY -> schedule(delivery, rule.delay());
			case DUPLICATE -> {
				Delivery copy = create(webhook, url, body, signature, delivery.id, Delivery.State.SCHEDULED);
				copy.chaos("duplicate");
				schedule(delivery, Duration.ZERO);
				schedule(copy, settings.releaseGap());
				return List.of(delivery.id, copy.id);
			}
			case REORDER, BATCH -> {
				delivery.state(Delivery.State.HELD);
				var active = decision.get().rule();
				List<Delivery> release = decision.get().release();
				if (!release.isEmpty()) {
					release(rule, release);
				}
				else if (decision.get().firstHeld()) {
					// the first of a batch: make sure a batch that never fills up is released anyway
					long scheduledIn = generation.current();
					scheduler.schedule(() -> {
						if (generation.isCurrent(scheduledIn)) {
							release(rule, chaos.flush(active));
						}
					}, settings.reorderHold().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		}
		return List.of(delivery.id);
	}

	private void release(ChaosRule rule, List<Delivery> batch) {
		if (batch.isEmpty()) {
			return;
		}
		if (rule.effect() == ChaosRule.Effect.BATCH) {
			batch(batch);
			return;
		}
		Duration at = Duration.ZERO;
		for (Delivery held : batch) {
			held.state(Delivery.State.SCHEDULED);
			schedule(held, at);
			at = at.plus(settings.releaseGap());
		}
	}

	/**
	 * One POST for the whole batch: entries of the same WABA merged into one entry with several changes, in the
	 * order the deliveries were made. Deliveries to different URLs (overrides) are batched per URL.
	 */
	private void batch(List<Delivery> held) {
		Map<String, List<Delivery>> byUrl = new LinkedHashMap<>();
		held.forEach(delivery -> byUrl.computeIfAbsent(delivery.url, url -> new ArrayList<>()).add(delivery));
		byUrl.forEach((url, deliveries) -> {
			ObjectNode envelope = Json.object();
			envelope.put("object", "whatsapp_business_account");
			ArrayNode entries = envelope.putArray("entry");
			Map<String, ArrayNode> changesByWaba = new LinkedHashMap<>();
			for (Delivery delivery : deliveries) {
				for (JsonNode entry : Json.MAPPER.readTree(delivery.body).path("entry")) {
					String wabaId = entry.path("id").asString();
					ArrayNode changes = changesByWaba.computeIfAbsent(wabaId, id -> {
						ObjectNode merged = entries.addObject();
						merged.setAll((ObjectNode) entry.deepCopy());
						return merged.putArray("changes");
					});
					entry.path("changes").forEach(change -> changes.add(change.deepCopy()));
				}
			}
			String body = EscapedUnicode.escape(Json.write(envelope));
			Delivery first = deliveries.get(0);
			Delivery combined = create(new Webhook(first.field, first.wabaId, first.phoneNumberId, Json.object()), url,
					body, WebhookSignature.sign(target.settings().appSecret(), body.getBytes(StandardCharsets.UTF_8)),
					null, Delivery.State.SCHEDULED);
			combined.chaos("batch of " + deliveries.size());
			for (Delivery delivery : deliveries) {
				delivery.state(Delivery.State.BATCHED);
				delivery.chaos("batched into " + combined.id);
			}
			schedule(combined, Duration.ZERO);
		});
	}

	private Delivery create(Webhook webhook, String url, String body, String signature, String duplicateOf,
			Delivery.State state) {
		long next = seq.incrementAndGet();
		Delivery delivery = new Delivery("d-" + next, next, clock.instant(), webhook, url, body, signature,
				duplicateOf, generation.current(), state);
		deliveries.add(delivery);
		return delivery;
	}

	private void schedule(Delivery delivery, Duration delay) {
		scheduler.schedule(() -> enqueue(delivery), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends go through one lane per callback URL with at most {@code concurrency} POSTs in flight: with the
	 * default of 1, deliveries leave in the order they fall due, so only chaos rules reorder them. A delivery
	 * waiting for its retry does not hold the lane.
	 */
	private static final class Lane {

		final Deque<Delivery> queue = new ArrayDeque<>();
		int inFlight;
	}

	private void enqueue(Delivery delivery) {
		Lane lane = lanes.computeIfAbsent(delivery.url, url -> new Lane());
		synchronized (lane) {
			lane.queue.addLast(delivery);
		}
		pump(lane);
	}

	private void pump(Lane lane) {
		List<Delivery> due = new ArrayList<>();
		synchronized (lane) {
			while (lane.inFlight < Math.max(1, settings.concurrency()) && !lane.queue.isEmpty()) {
				due.add(lane.queue.pollFirst());
				lane.inFlight++;
			}
		}
		due.forEach(delivery -> attempt(delivery, lane));
	}

	private void done(Lane lane) {
		synchronized (lane) {
			lane.inFlight--;
		}
		pump(lane);
	}

	private void attempt(Delivery delivery, Lane lane) {
		if (!generation.isCurrent(delivery.generation)) {
			done(lane);
			return;
		}
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(delivery.url)).timeout(settings.timeout())
					.header("Content-Type", "application/json")
					.header(WebhookSignature.HEADER, delivery.signature)
					.header("User-Agent", "facebookexternalua")
					.POST(HttpRequest.BodyPublishers.ofString(delivery.body, StandardCharsets.UTF_8)).build();
		}
		catch (IllegalArgumentException badUrl) {
			finish(delivery, 0, "invalid callback URL: " + badUrl.getMessage(), 0);
			done(lane);
			return;
		}
		long started = System.nanoTime();
		client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			long millis = (System.nanoTime() - started) / 1_000_000;
			try {
				if (failure != null) {
					finish(delivery, 0, failure.toString(), millis);
				}
				else {
					finish(delivery, response.statusCode(), null, millis);
				}
			}
			finally {
				done(lane);
			}
		});
	}

	private void finish(Delivery delivery, int status, String error, long millis) {
		int attempts = delivery.recordAttempt(new Delivery.Attempt(clock.instant(), status, error, millis));
		if (status >= 200 && status < 300) {
			delivery.state(Delivery.State.DELIVERED);
			return;
		}
		if (attempts >= settings.maxAttempts()) {
			delivery.state(Delivery.State.GAVE_UP);
			log.warn("Gave up delivering webhook {} ({}) to {} after {} attempts", delivery.id, delivery.field,
					delivery.url, attempts);
			return;
		}
		delivery.state(Delivery.State.RETRYING);
		schedule(delivery, backoff(settings, attempts));
	}

	/** initial × multiplier^(attempts-1), capped: "decreasing frequency" [OVR], "exponential backoff" [TP]. */
	static Duration backoff(SandboxProperties.Webhooks settings, int attemptsSoFar) {
		double millis = settings.initialBackoff().toMillis()
				* Math.pow(settings.backoffMultiplier(), Math.max(0, attemptsSoFar - 1));
		return Duration.ofMillis((long) Math.min(millis, settings.maxBackoff().toMillis()));
	}
}

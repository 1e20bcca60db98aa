package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.ErrorBodies;
import io.wabaflow.sandbox.runtime.Generation;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.WhatsAppUser;
import tools.jackson.databind.node.ObjectNode;

/**
 * After a send is accepted, the status webhooks follow: sent → delivered → read (up to three per message [MSG]);
 * only sent for a reaction [REACTMSG]; delivered without read for a user who does not read; or a single failed
 * status with the error, for delivery errors such as 131047 and 131026 [STAT].
 */
@Component
class StatusProgression {

	sealed interface Outcome permits Normal, SentOnly, Failed {
	}

	record Normal(boolean reads) implements Outcome {
	}

	record SentOnly() implements Outcome {
	}

	record Failed(int code, String details) implements Outcome {
	}

	private final SandboxProperties properties;
	private final ScheduledExecutorService scheduler;
	private final WebhookDispatcher dispatcher;
	private final Generation generation;
	private final SandboxRandom random;
	private final Clock clock;

	StatusProgression(SandboxProperties properties, ScheduledExecutorService sandboxScheduler,
			WebhookDispatcher dispatcher, Generation generation, SandboxRandom random, Clock clock) {
		this.properties = properties;
		this.scheduler = sandboxScheduler;
		this.dispatcher = dispatcher;
		this.generation = generation;
		this.random = random;
		this.clock = clock;
	}

	void start(PhoneNumber phone, SentMessages.Sent sent, String bizOpaque, Pricing pricing, Outcome outcome) {
		SandboxProperties.Statuses timing = properties.statuses();
		String conversationId = random.hex(32);
		long scheduledIn = generation.current();
		if (outcome instanceof Failed failed) {
			later(timing.sentAfter(), scheduledIn, () -> emit(phone, sent, "failed", bizOpaque, null, null, failed));
			return;
		}
		later(timing.sentAfter(), scheduledIn,
				() -> emit(phone, sent, "sent", bizOpaque, pricing, conversationId, null));
		if (outcome instanceof Normal normal) {
			later(timing.deliveredAfter(), scheduledIn,
					() -> emit(phone, sent, "delivered", bizOpaque, pricing, conversationId, null));
			if (normal.reads()) {
				later(timing.readAfter(), scheduledIn, () -> emit(phone, sent, "read", bizOpaque, null, null, null));
			}
		}
	}

	private void later(Duration delay, long scheduledIn, Runnable task) {
		scheduler.schedule(() -> {
			if (generation.isCurrent(scheduledIn)) {
				task.run();
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void emit(PhoneNumber phone, SentMessages.Sent sent, String status, String bizOpaque, Pricing pricing,
			String conversationId, Failed failure) {
		var now = clock.instant();
		ObjectNode value = Webhook.valueFor(phone);
		ObjectNode entry = value.putArray("statuses").addObject();
		entry.put("id", sent.wamid);
		entry.put("status", status);
		entry.put("timestamp", Long.toString(now.getEpochSecond()));
		// sent to a BSUID: the phone stays out and the BSUID names the user; sent to a phone: both, but a failed
		// status omits the BSUID (facts §2.0)
		boolean toBsuid = WhatsAppUser.isBsuid(sent.to);
		if (!toBsuid) {
			entry.put("recipient_id", sent.waId);
		}
		if (toBsuid || failure == null) {
			entry.put("recipient_user_id", WhatsAppUser.bsuidOf(sent.waId));
		}
		if (bizOpaque != null) {
			entry.put("biz_opaque_callback_data", bizOpaque);
		}
		if (pricing != null) {
			// v24.0+ omits conversation outside free-entry-point windows [STAT]
			if (properties.majorGraphVersion() < 24) {
				ObjectNode conversation = entry.putObject("conversation");
				conversation.put("id", conversationId);
				if (status.equals("sent") && pricing.conversationExpires() != null) {
					conversation.put("expiration_timestamp",
							Long.toString(pricing.conversationExpires().getEpochSecond()));
				}
				conversation.putObject("origin").put("type", pricing.category());
			}
			ObjectNode price = entry.putObject("pricing");
			price.put("billable", pricing.billable());
			price.put("pricing_model", "PMP");
			price.put("category", pricing.category());
			price.put("type", pricing.type());
		}
		if (failure != null) {
			entry.set("errors", ErrorBodies.webhookErrors(failure.code(), failure.details()));
		}
		sent.status(new SentMessages.StatusView(status, now, failure == null ? null : failure.code()));
		dispatcher.dispatch(Webhook.of("messages", phone, value));
	}
}

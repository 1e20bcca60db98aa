package io.wabaflow.onboarding.registry;

import java.time.Instant;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.schemas.webhook.WebhookChange;

/** What the registry's webhook use cases share: each change applied once, its time, numbers by display number. */
final class RegistryWebhooks {

	private RegistryWebhooks() {
	}

	/** The work of one change, in its transaction; true when it changed the registry (something to publish). */
	interface Work {
		boolean changed(Handle handle);
	}

	/**
	 * Applies a change once: in one transaction with its first-delivery record (a redelivery or a replay does nothing),
	 * then lets the outbox publish what the work wrote.
	 */
	static void applyOnce(Jdbi jdbi, Outbox outbox, WebhookChange change, Instant now, Work work) {
		boolean changed = jdbi.inTransaction(handle -> firstDelivery(handle, change, now) && work.changed(handle));
		if (changed) {
			outbox.committed();
		}
	}

	/** Records the change as processed; false when it was already (Meta redelivered it, or a replay). */
	static boolean firstDelivery(Handle handle, WebhookChange change, Instant now) {
		return handle.createUpdate("""
				INSERT INTO processed_webhooks (event_id, processed_at) VALUES (:id, :now) ON CONFLICT DO NOTHING
				""").bind("id", change.getEventId()).bind("now", now).execute() == 1;
	}

	/** When it happened at Meta (the entry's time), else when it was received. */
	static Instant happenedAt(WebhookChange change) {
		return change.getEntryTime() != null ? Instant.ofEpochSecond(change.getEntryTime()) : change.getReceivedAt();
	}

	/** Whether two ways of writing a phone ("+1 555-0100", "15550100") are the same number. */
	static boolean sameNumber(String a, String b) {
		return digits(a).equals(digits(b));
	}

	private static String digits(String phone) {
		return phone == null ? "" : phone.replaceAll("\\D", "");
	}
}

package io.wabaflow.platform.it;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.webhook.WebhookChange;

/** A minimal service on the platform: a listener that fails on purpose for some event ids. */
@SpringBootApplication
public class PlatformTestApplication {

	@Component
	static class RecordingListener {

		final List<String> processed = new CopyOnWriteArrayList<>();

		final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		@KafkaListener(id = "platform-it", topics = "wabaflow.webhooks.v1")
		void on(WebhookChange change) {
			String id = change.getEventId();
			int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
			if (id.startsWith("poison")) {
				throw new PoisonRecordException("event " + id + " can never be processed");
			}
			if (id.startsWith("broken")) {
				throw new IllegalStateException("still broken on attempt " + attempt);
			}
			if (id.startsWith("database-away") && attempt <= 6) {
				readFromADatabaseThatIsAway();
			}
			if (id.startsWith("flaky") && attempt < 3) {
				throw new IllegalStateException("transient failure on attempt " + attempt);
			}
			processed.add(id);
		}

		/** What the driver throws while PostgreSQL is down: nothing listens on port 1. */
		private static void readFromADatabaseThatIsAway() {
			try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:1/wabaflow?connectTimeout=2", "wabaflow", "wabaflow")) {
				throw new IllegalStateException("port 1 answered");
			}
			catch (java.sql.SQLException away) {
				throw new IllegalStateException("cannot reach the database", away);
			}
		}
	}
}

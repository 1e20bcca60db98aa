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
			if (id.startsWith("flaky") && attempt < 3) {
				throw new IllegalStateException("transient failure on attempt " + attempt);
			}
			processed.add(id);
		}
	}
}

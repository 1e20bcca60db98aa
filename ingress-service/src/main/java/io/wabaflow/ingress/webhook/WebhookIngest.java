package io.wabaflow.ingress.webhook;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wabaflow.ingress.publish.DurablePublisher;
import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.metagraph.webhook.UnparseableWebhookException;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.webhook.UnparsedWebhook;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * A verified webhook body onto Kafka: one {@link WebhookChange} per {@code entry[].changes[]}, keyed by
 * phone number (WABA id when none); a body that cannot be split is kept whole as an
 * {@link UnparsedWebhook}, never dropped. Completes when every record is durable.
 */
final class WebhookIngest {

	private static final Logger log = LoggerFactory.getLogger(WebhookIngest.class);

	private final EnvelopeSplitter splitter;

	private final DurablePublisher publisher;

	private final Clock clock;

	WebhookIngest(EnvelopeSplitter splitter, DurablePublisher publisher, Clock clock) {
		this.splitter = splitter;
		this.publisher = publisher;
		this.clock = clock;
	}

	enum Outcome {
		/** Every change is on {@code wabaflow.webhooks.v1}. */
		PUBLISHED,
		/** The body is on {@code wabaflow.webhooks.unparsed.v1} for ops to re-drive. */
		KEPT_UNPARSED
	}

	CompletableFuture<Outcome> ingest(byte[] body, String contentType) {
		Instant receivedAt = clock.instant();
		List<EnvelopeChange> changes;
		try {
			changes = splitter.split(body);
		}
		catch (UnparseableWebhookException e) {
			return keepUnparsed(body, contentType, receivedAt, e);
		}
		List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>(changes.size());
		for (EnvelopeChange change : changes) {
			records.add(new ProducerRecord<>(Topics.WEBHOOKS.name(), change.partitionKey(), change.toRecord(receivedAt)));
		}
		// A valid envelope with no changes has nothing to keep: acknowledged as is.
		return publisher.publishAll("webhook", records).thenApply(done -> Outcome.PUBLISHED);
	}

	private CompletableFuture<Outcome> keepUnparsed(byte[] body, String contentType, Instant receivedAt,
			UnparseableWebhookException reason) {
		String eventId = sha256Hex(body);
		log.warn("Signed webhook body {} ({} bytes) kept unparsed: {}", eventId, body.length, reason.getMessage());
		UnparsedWebhook value = UnparsedWebhook.newBuilder()
				.setEventId(eventId)
				.setBody(ByteBuffer.wrap(body))
				.setContentType(contentType)
				.setReason(reason.reasonCode() + ": " + reason.getMessage())
				.setReceivedAt(receivedAt)
				.build();
		return publisher.publishAll("webhook-unparsed",
				List.of(new ProducerRecord<>(Topics.UNPARSED_WEBHOOKS.name(), eventId, value)))
				.thenApply(done -> Outcome.KEPT_UNPARSED);
	}

	private static String sha256Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
	}
}

package io.wabaflow.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.serde.AvroSerializer;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * Realistic inputs of the sync worker: {@code WebhookChange}s whose values have the shapes of the facts
 * file §2 (messages, statuses, smb_app_state_sync, history, smb_message_echoes), the sender's
 * {@code MessageEvent}s and registry records, and a producer to put them on the real broker.
 */
public final class SyncFixtures {

	/** The business's display number in every fixture (history direction is decided against it). */
	public static final String BUSINESS_NUMBER = "15550001111";

	private SyncFixtures() {
	}

	// --- envelopes ---

	public static WebhookChange change(String phoneNumberId, String field, String valueJson, Instant receivedAt) {
		return WebhookChange.newBuilder()
				.setEventId(sha256(field + "\n" + valueJson))
				.setWabaId("waba-" + phoneNumberId)
				.setField(field)
				.setPhoneNumberId(phoneNumberId)
				.setValueJson(valueJson)
				.setReceivedAt(receivedAt)
				.build();
	}

	/** The same change as Meta redelivers it: same content and event id, received later. */
	public static WebhookChange redelivery(WebhookChange change, Instant receivedAt) {
		return WebhookChange.newBuilder(change).setReceivedAt(receivedAt).build();
	}

	private static String metadata(String phoneNumberId) {
		return """
				"messaging_product": "whatsapp", "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"}"""
				.formatted(BUSINESS_NUMBER, phoneNumberId);
	}

	// --- messages: inbound ---

	/**
	 * An inbound message of any type; {@code typeJson} is the {@code <type>} object. As every messages webhook since
	 * April 2026, it names the user by phone and by business-scoped user id ({@link #bsuidOf}).
	 */
	public static WebhookChange inbound(String phoneNumberId, String waId, String profileName, String wamid,
			long timestamp, String type, String typeJson, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "contacts": [{"profile": {"name": "%s"}, "wa_id": "%s", "user_id": "%s"}],
				 "messages": [{"from": "%s", "from_user_id": "%s", "id": "%s", "timestamp": "%d", "type": "%s", "%s": %s}]}"""
				.formatted(metadata(phoneNumberId), profileName, waId, bsuidOf(waId), waId, bsuidOf(waId), wamid,
						timestamp, type, type, typeJson),
				receivedAt);
	}

	/**
	 * A {@code user_preferences} change (a field the projections keep raw): the user stops marketing messages.
	 * Its event id derives from {@code tag}, not from the number, so two numbers told one story keep comparable rows.
	 */
	public static WebhookChange userPreferences(String phoneNumberId, String tag, String waId, long timestamp,
			Instant receivedAt) {
		return WebhookChange.newBuilder(change(phoneNumberId, "user_preferences", """
				{%s, "contacts": [{"wa_id": "%s"}], "user_preferences": [{"wa_id": "%s", "detail": "User requested to \
				stop marketing messages", "category": "marketing_messages", "value": "stop", "timestamp": %d}]}"""
				.formatted(metadata(phoneNumberId), waId, waId, timestamp), receivedAt))
				.setEventId(sha256("user_preferences\n" + tag + "\n" + waId)).build();
	}

	/** A user's call to the business, ended after {@code seconds} (a calls webhook with its contact). */
	public static WebhookChange callTerminated(String phoneNumberId, String tag, String waId, long timestamp,
			int seconds, Instant receivedAt) {
		return change(phoneNumberId, "calls", """
				{%s, "contacts": [{"profile": {"name": "Caller"}, "wa_id": "%s", "user_id": "%s"}],
				 "calls": [{"id": "wacid.%s", "from": "%s", "to": "%s", "event": "terminate", "direction": "USER_INITIATED",
				   "timestamp": "%d", "status": "COMPLETED", "start_time": "%d", "end_time": "%d", "duration": %d}]}"""
				.formatted(metadata(phoneNumberId), waId, bsuidOf(waId), tag, waId, BUSINESS_NUMBER, timestamp + seconds,
						timestamp, timestamp + seconds, seconds), receivedAt);
	}

	/** The business-scoped user id the fixtures give the user of a phone. */
	public static String bsuidOf(String waId) {
		return "BR." + waId;
	}

	/** A text from a user with a username, known to the business by BSUID only (no wa_id, no from: facts §2.0). */
	public static WebhookChange inboundByBsuid(String phoneNumberId, String bsuid, String username, String wamid,
			long timestamp, String body, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "contacts": [{"profile": {"name": "Username user", "username": "%s"}, "user_id": "%s"}],
				 "messages": [{"from_user_id": "%s", "id": "%s", "timestamp": "%d", "type": "text",
				   "text": {"body": "%s"}}]}"""
				.formatted(metadata(phoneNumberId), username, bsuid, bsuid, wamid, timestamp, body), receivedAt);
	}

	/**
	 * A contacts message from a BSUID-only user: {@code origin} {@code contact_request} when the user tapped a
	 * request-contact-info button (the card is the user's own), {@code other} when the user forwarded someone's card.
	 */
	public static WebhookChange contactCardByBsuid(String phoneNumberId, String bsuid, String origin, String cardWaId,
			String wamid, long timestamp, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "contacts": [{"profile": {"name": "Username user"}, "user_id": "%s"}],
				 "messages": [{"from_user_id": "%s", "id": "%s", "timestamp": "%d", "type": "contacts",
				   "contacts": [{"origin": "%s", "name": {"formatted_name": "Card"},
				     "phones": [{"phone": "+%s", "wa_id": "%s", "type": "CELL"}]}]}]}"""
				.formatted(metadata(phoneNumberId), bsuid, bsuid, wamid, timestamp, origin, cardWaId, cardWaId), receivedAt);
	}

	/** A text whose webhook names the user by phone and BSUID: the two are linked from then on. */
	public static WebhookChange inboundWithBoth(String phoneNumberId, String waId, String bsuid, String wamid,
			long timestamp, String body, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "contacts": [{"profile": {"name": "Revealed"}, "wa_id": "%s", "user_id": "%s"}],
				 "messages": [{"from": "%s", "from_user_id": "%s", "id": "%s", "timestamp": "%d", "type": "text",
				   "text": {"body": "%s"}}]}"""
				.formatted(metadata(phoneNumberId), waId, bsuid, waId, bsuid, wamid, timestamp, body), receivedAt);
	}

	public static WebhookChange inboundText(String phoneNumberId, String waId, String profileName, String wamid,
			long timestamp, String body, Instant receivedAt) {
		return inbound(phoneNumberId, waId, profileName, wamid, timestamp, "text", "{\"body\": \"%s\"}".formatted(body),
				receivedAt);
	}

	/** A message in a group chat (Cloud API groups carry a group_id): never listed as a conversation. */
	public static WebhookChange inboundGroupText(String phoneNumberId, String waId, String wamid, long timestamp,
			Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "contacts": [{"profile": {"name": "Group member"}, "wa_id": "%s"}],
				 "messages": [{"from": "%s", "group_id": "g-1", "id": "%s", "timestamp": "%d", "type": "text",
				   "text": {"body": "hello group"}}]}"""
				.formatted(metadata(phoneNumberId), waId, waId, wamid, timestamp), receivedAt);
	}

	// --- messages: statuses ---

	public static WebhookChange status(String phoneNumberId, String wamid, String status, long timestamp,
			String recipient, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "statuses": [{"id": "%s", "status": "%s", "timestamp": "%d", "recipient_id": "%s"%s}]}"""
				.formatted(metadata(phoneNumberId), wamid, status, timestamp, recipient,
						"sent".equals(status) ? """
								, "conversation": {"id": "conv-1", "expiration_timestamp": "%d", "origin": {"type": "service"}},
								"pricing": {"billable": true, "pricing_model": "PMP", "type": "regular", "category": "service"}"""
								.formatted(timestamp + 86400) : ""),
				receivedAt);
	}

	public static WebhookChange failedStatus(String phoneNumberId, String wamid, long timestamp, String recipient,
			int code, String title, String details, Instant receivedAt) {
		return change(phoneNumberId, "messages", """
				{%s, "statuses": [{"id": "%s", "status": "failed", "timestamp": "%d", "recipient_id": "%s",
				  "errors": [{"code": %d, "title": "%s", "message": "%s", "error_data": {"details": "%s"},
				    "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}]}"""
				.formatted(metadata(phoneNumberId), wamid, timestamp, recipient, code, title, title, details),
				receivedAt);
	}

	// --- smb_message_echoes ---

	public static WebhookChange echo(String phoneNumberId, String to, String wamid, long timestamp, String type,
			String typeJson, Instant receivedAt) {
		return change(phoneNumberId, "smb_message_echoes", """
				{%s, "message_echoes": [{"from": "%s", "to": "%s", "id": "%s", "timestamp": "%d", "type": "%s", "%s": %s}]}"""
				.formatted(metadata(phoneNumberId), BUSINESS_NUMBER, to, wamid, timestamp, type, type, typeJson),
				receivedAt);
	}

	/** A Business-app echo naming the user by phone and business-scoped user id ({@code to_user_id}). */
	public static WebhookChange echoToBoth(String phoneNumberId, String to, String toUserId, String wamid, long timestamp,
			String body, Instant receivedAt) {
		return change(phoneNumberId, "smb_message_echoes", """
				{%s, "message_echoes": [{"from": "%s", "to": "%s", "to_user_id": "%s", "id": "%s", "timestamp": "%d",
				  "type": "text", "text": {"body": "%s"}}]}"""
				.formatted(metadata(phoneNumberId), BUSINESS_NUMBER, to, toUserId, wamid, timestamp, body), receivedAt);
	}

	// --- smb_app_state_sync ---

	public static WebhookChange addressBook(String phoneNumberId, String phoneNumber, String action, String fullName,
			String firstName, long timestamp, Instant receivedAt) {
		String names = "remove".equals(action) ? ""
				: "\"full_name\": \"%s\", \"first_name\": \"%s\", ".formatted(fullName, firstName);
		return change(phoneNumberId, "smb_app_state_sync", """
				{%s, "state_sync": [{"type": "contact", "contact": {%s"phone_number": "%s"}, "action": "%s",
				  "metadata": {"timestamp": "%d"}}]}"""
				.formatted(metadata(phoneNumberId), names, phoneNumber, action, timestamp), receivedAt);
	}

	// --- history ---

	/** A message of a history thread; {@code fromBusiness} decides from/to. */
	public record HistoryMessage(String wamid, boolean fromBusiness, long timestamp, String type, String typeJson,
			String status) {
	}

	public record HistoryThread(String userPhone, List<HistoryMessage> messages) {
	}

	public static WebhookChange historyChunk(String phoneNumberId, int phase, int chunkOrder, int progress,
			List<HistoryThread> threads, Instant receivedAt) {
		String threadsJson = threads.stream().map(thread -> """
				{"id": "%s", "messages": [%s]}""".formatted(thread.userPhone(), thread.messages().stream()
				.map(m -> historyMessage(thread.userPhone(), m)).collect(Collectors.joining(", "))))
				.collect(Collectors.joining(", "));
		return change(phoneNumberId, "history", """
				{%s, "history": [{"metadata": {"phase": %d, "chunk_order": %d, "progress": %d}, "threads": [%s]}]}"""
				.formatted(metadata(phoneNumberId), phase, chunkOrder, progress, threadsJson), receivedAt);
	}

	private static String historyMessage(String userPhone, HistoryMessage m) {
		String fromTo = m.fromBusiness() ? "\"from\": \"%s\", \"to\": \"%s\"".formatted(BUSINESS_NUMBER, userPhone)
				: "\"from\": \"%s\"".formatted(userPhone);
		String content = "media_placeholder".equals(m.type()) ? "" : ", \"%s\": %s".formatted(m.type(), m.typeJson());
		return """
				{%s, "id": "%s", "timestamp": "%d", "type": "%s"%s, "history_context": {"status": "%s"}}"""
				.formatted(fromTo, m.wamid(), m.timestamp(), m.type(), content, m.status());
	}

	/** The separate history webhook that brings a media_placeholder's content. */
	public static WebhookChange historyMedia(String phoneNumberId, String userPhone, String wamid, boolean fromBusiness,
			long timestamp, String type, String typeJson, Instant receivedAt) {
		String fromTo = fromBusiness ? "\"from\": \"%s\", \"to\": \"%s\"".formatted(BUSINESS_NUMBER, userPhone)
				: "\"from\": \"%s\"".formatted(userPhone);
		return change(phoneNumberId, "history", """
				{%s, "messages": [{%s, "id": "%s", "timestamp": "%d", "type": "%s", "%s": %s}]}"""
				.formatted(metadata(phoneNumberId), fromTo, wamid, timestamp, type, type, typeJson), receivedAt);
	}

	public static WebhookChange historyDeclined(String phoneNumberId, Instant receivedAt) {
		return change(phoneNumberId, "history", """
				{%s, "history": [{"errors": [{"code": 2593109,
				  "title": "History sync is turned off by the business from the WhatsApp Business App",
				  "message": "History sync is turned off by the business from the WhatsApp Business App",
				  "error_data": {"details": "History sharing is turned off by the business"}}]}]}"""
				.formatted(metadata(phoneNumberId)), receivedAt);
	}

	// --- the sender's events and the registry ---

	public static MessageEvent outbound(String phoneNumberId, String commandId, String to, OutboundStatus status,
			String wamid, String type, String contentJson, String sender, Instant occurredAt) {
		return MessageEvent.newBuilder()
				.setEventId(commandId + ":" + status + ":" + occurredAt.toEpochMilli())
				.setCommandId(commandId)
				.setPhoneNumberId(phoneNumberId)
				.setTo(to)
				.setMessageType(type)
				.setStatus(status)
				.setWamid(wamid)
				.setWaId(wamid == null ? null : to)
				.setContentJson(contentJson)
				.setSender(sender)
				.setOccurredAt(occurredAt)
				.build();
	}

	public static MessageEvent outboundFailed(String phoneNumberId, String commandId, String to, int code,
			String title, Instant occurredAt) {
		return MessageEvent.newBuilder(outbound(phoneNumberId, commandId, to, OutboundStatus.FAILED, null, "TEXT",
				"{\"body\": \"x\"}", "AGENT", occurredAt)).setErrorCode(code).setErrorTitle(title).build();
	}

	public static PhoneNumberRegistration registration(String phoneNumberId, NumberType type, Instant updatedAt) {
		return PhoneNumberRegistration.newBuilder()
				.setPhoneNumberId(phoneNumberId)
				.setTenantId("tenant-1")
				.setWabaId("waba-" + phoneNumberId)
				.setDisplayPhoneNumber(BUSINESS_NUMBER)
				.setNumberType(type)
				.setStatus(NumberStatus.ACTIVE)
				.setEncryptedAccessToken(java.nio.ByteBuffer.wrap(new byte[] { 1, 2, 3 }))
				.setOnboardedAt(Instant.parse("2026-01-01T00:00:00Z"))
				.setUpdatedAt(updatedAt)
				.build();
	}

	// --- producing ---

	/** Sends fixtures to the catalogue topics, keyed by phone number id as the services do. */
	public static final class Producer implements AutoCloseable {

		private final KafkaProducer<String, SpecificRecord> producer;

		public Producer(String bootstrapServers) {
			this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
					ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
					ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
					new StringSerializer(), new AvroSerializer());
		}

		public void send(SpecificRecord record) {
			if (record instanceof WebhookChange change) {
				producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), change.getPhoneNumberId(), change));
			}
			else if (record instanceof MessageEvent event) {
				producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.name(), event.getPhoneNumberId(), event));
			}
			else if (record instanceof PhoneNumberRegistration registration) {
				producer.send(new ProducerRecord<>(Topics.PHONE_NUMBERS.name(), registration.getPhoneNumberId(),
						registration));
			}
			else if (record instanceof MediaEvent event) {
				producer.send(new ProducerRecord<>(Topics.MEDIA_EVENTS.name(), event.getPhoneNumberId(), event));
			}
			else {
				throw new IllegalArgumentException("Not a sync input: " + record.getClass());
			}
		}

		public void sendAll(List<? extends SpecificRecord> records) {
			records.forEach(this::send);
			producer.flush();
		}

		@Override
		public void close() {
			producer.close();
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

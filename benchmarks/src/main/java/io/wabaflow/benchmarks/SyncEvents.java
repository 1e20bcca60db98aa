package io.wabaflow.benchmarks;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.metagraph.webhook.UnparseableWebhookException;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;

/**
 * The sync worker's inputs as the system produces them, generated on the fly (a million records are not held in
 * memory): per number its registry record, then per contact a conversation — an inbound text and an image, the
 * address book entry, an answer the sender accepted and sent, its sent/delivered/read statuses and a reply typed in
 * the Business app. The webhooks are Meta-shaped envelopes cut into records by meta-graph's
 * {@link EnvelopeSplitter}, exactly as the ingress does; 9 records per contact, 1 per number.
 */
final class SyncEvents {

	static final int PER_CONTACT = 9;

	private final int contactsPerNumber;

	private final EnvelopeSplitter splitter = new EnvelopeSplitter();

	private final String run = Long.toString(System.currentTimeMillis() % 100_000);

	SyncEvents(int contactsPerNumber) {
		this.contactsPerNumber = contactsPerNumber;
	}

	/** At least {@code total} records, whole conversations, in the order a number lives them. */
	long generate(long total, Consumer<ProducerRecord<String, SpecificRecord>> sink) {
		long produced = 0;
		long start = Instant.now().minusSeconds(2 * 86_400).getEpochSecond();
		for (int number = 0; produced < total; number++) {
			String phoneNumberId = "1" + run + String.format("%09d", number);
			sink.accept(record(Topics.PHONE_NUMBERS.name(), phoneNumberId, registration(phoneNumberId)));
			produced++;
			for (int contact = 0; contact < contactsPerNumber && produced < total; contact++) {
				produced += conversation(phoneNumberId, contact, start + contact * 20L, sink);
			}
		}
		return produced;
	}

	private int conversation(String phoneNumberId, int contact, long t, Consumer<ProducerRecord<String, SpecificRecord>> sink) {
		String wa = "55" + String.format("%011d", contact * 7919L % 100_000_000_000L);
		String id = phoneNumberId + "." + contact;
		String wamid = "wamid.out." + id;
		String metadata = """
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"}"""
				.formatted(phoneNumberId);
		String contacts = "\"contacts\":[{\"profile\":{\"name\":\"Cliente %d\"},\"wa_id\":\"%s\"}]".formatted(contact, wa);
		String changes = String.join(",",
				change("messages", """
						{%s,%s,"messages":[{"from":"%s","id":"wamid.in1.%s","timestamp":"%d","type":"text",\
						"text":{"body":"Ol\\u00e1, o pedido %d j\\u00e1 saiu?"}}]}""".formatted(metadata, contacts, wa, id, t, contact)),
				change("smb_app_state_sync", """
						{%s,"state_sync":[{"type":"contact","contact":{"full_name":"Cliente %d Silva","first_name":"Cliente",\
						"phone_number":"+%s"},"action":"add","metadata":{"timestamp":"%d"}}]}""".formatted(metadata, contact, wa, t + 1)),
				change("messages", status(metadata, wamid, "sent", t + 3, wa)),
				change("messages", status(metadata, wamid, "delivered", t + 4, wa)),
				change("messages", status(metadata, wamid, "read", t + 5, wa)),
				change("messages", """
						{%s,%s,"messages":[{"from":"%s","id":"wamid.in2.%s","timestamp":"%d","type":"image",\
						"image":{"mime_type":"image/jpeg","sha256":"c2hhMjU2","id":"media-%s","caption":"comprovante"}}]}"""
						.formatted(metadata, contacts, wa, id, t + 6, id)),
				change("smb_message_echoes", """
						{%s,"message_echoes":[{"from":"15550001111","to":"%s","id":"wamid.echo.%s","timestamp":"%d",\
						"type":"text","text":{"body":"Recebido, obrigado!"}}]}""".formatted(metadata, wa, id, t + 7)));
		String envelope = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba-%s\",\"changes\":[%s]}]}"
				.formatted(phoneNumberId, changes);
		Instant receivedAt = Instant.ofEpochSecond(t + 8);
		try {
			for (EnvelopeChange change : splitter.split(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
				sink.accept(record(Topics.WEBHOOKS.name(), change.partitionKey(), change.toRecord(receivedAt)));
			}
		}
		catch (UnparseableWebhookException e) {
			throw new IllegalStateException("the generator wrote a webhook meta-graph cannot split", e);
		}
		sink.accept(record(Topics.MESSAGE_EVENTS.name(), phoneNumberId, sent(phoneNumberId, id, wa, OutboundStatus.ACCEPTED, null, t + 2)));
		sink.accept(record(Topics.MESSAGE_EVENTS.name(), phoneNumberId, sent(phoneNumberId, id, wa, OutboundStatus.SENT, wamid, t + 3)));
		return PER_CONTACT;
	}

	private static String change(String field, String value) {
		return "{\"value\":" + value + ",\"field\":\"" + field + "\"}";
	}

	private static String status(String metadata, String wamid, String status, long timestamp, String recipient) {
		return """
				{%s,"statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s",\
				"pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"service"}}]}"""
				.formatted(metadata, wamid, status, timestamp, recipient);
	}

	private static MessageEvent sent(String phoneNumberId, String id, String to, OutboundStatus status, String wamid,
			long at) {
		return MessageEvent.newBuilder().setEventId("cmd-" + id + ":" + status).setCommandId("cmd-" + id)
				.setTenantId("tenant-" + phoneNumberId).setPhoneNumberId(phoneNumberId).setTo(to).setMessageType("TEXT")
				.setStatus(status).setWamid(wamid).setWaId(wamid == null ? null : to)
				.setContentJson("{\"body\":\"Sim, saiu agora para entrega.\"}").setSender("AGENT")
				.setOccurredAt(Instant.ofEpochSecond(at)).build();
	}

	private static PhoneNumberRegistration registration(String phoneNumberId) {
		Instant at = Instant.now().minusSeconds(3 * 86_400);
		return PhoneNumberRegistration.newBuilder().setPhoneNumberId(phoneNumberId).setTenantId("tenant-" + phoneNumberId)
				.setWabaId("waba-" + phoneNumberId).setDisplayPhoneNumber("15550001111").setNumberType(NumberType.CLOUD)
				.setStatus(NumberStatus.ACTIVE).setEncryptedAccessToken(ByteBuffer.wrap(new byte[32]))
				.setOnboardedAt(at).setUpdatedAt(at).build();
	}

	private static ProducerRecord<String, SpecificRecord> record(String topic, String key, SpecificRecord value) {
		return new ProducerRecord<>(topic, key, value);
	}
}

package io.wabaflow.metagraph.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a webhook body ({@code {"object":"whatsapp_business_account","entry":[{"id":..,"changes":[..]}]}})
 * into its changes with one tree parse. Meta batches up to 1000 changes into one delivery.
 *
 * <p>Tolerant where Meta's own examples are sloppy (facts file 2.6): an {@code account_update} entry that
 * carries {@code field}/{@code value} itself instead of a {@code changes} array is one change, an
 * {@code object} placed inside the entries instead of the envelope is accepted, and when the value names
 * its WABA ({@code waba_info.waba_id}) that id wins over {@code entry[].id}, which those examples fill with
 * a partner id. Thread-safe.
 */
public final class EnvelopeSplitter {

	public static final String WHATSAPP_OBJECT = "whatsapp_business_account";

	private static final HexFormat HEX = HexFormat.of();

	private final JsonMapper mapper;

	/** Compact JSON with object properties in name order: the same value gives the same bytes, however ordered. */
	private final ObjectWriter canonicalWriter;

	public EnvelopeSplitter() {
		this(JsonMapper.builder().build());
	}

	public EnvelopeSplitter(JsonMapper mapper) {
		this.mapper = mapper;
		this.canonicalWriter = mapper.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
	}

	/**
	 * The changes of a webhook body, in delivery order.
	 *
	 * @param body the raw request bytes (UTF-8 JSON)
	 * @throws UnparseableWebhookException.NotJson            the body is not JSON
	 * @throws UnparseableWebhookException.NotWhatsAppWebhook the JSON is not a WhatsApp Business Account webhook
	 */
	public List<EnvelopeChange> split(byte[] body) throws UnparseableWebhookException {
		JsonNode root = parse(body);
		if (!root.isObject()) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook("the body is a JSON " + root.getNodeType()
					+ ", not an object");
		}
		JsonNode entries = root.path("entry");
		if (!entries.isArray()) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook("no entry[] array");
		}
		requireWhatsAppObject(root, entries);
		List<EnvelopeChange> changes = new ArrayList<>(entries.size());
		MessageDigest sha256 = sha256();
		int entryIndex = 0;
		for (JsonNode entry : entries) {
			if (!entry.isObject()) {
				throw new UnparseableWebhookException.NotWhatsAppWebhook("entry[" + entryIndex + "] is not an object");
			}
			String entryId = Json.text(entry, "id");
			Long entryTime = Json.epochSeconds(entry.get("time"));
			JsonNode entryChanges = entry.get("changes");
			if (entryChanges != null && entryChanges.isArray()) {
				int changeIndex = 0;
				for (JsonNode change : entryChanges) {
					changes.add(change(change, entryId, entryTime, sha256, "entry[" + entryIndex + "].changes[" + changeIndex + "]"));
					changeIndex++;
				}
			}
			else if (entry.has("field") && entry.has("value")) {
				// Meta's PARTNER_* account_update examples put the change's members into the entry itself.
				changes.add(change(entry, entryId, entryTime, sha256, "entry[" + entryIndex + "]"));
			}
			else {
				throw new UnparseableWebhookException.NotWhatsAppWebhook("entry[" + entryIndex + "] has no changes[]");
			}
			entryIndex++;
		}
		return changes;
	}

	private JsonNode parse(byte[] body) throws UnparseableWebhookException.NotJson {
		if (body.length == 0) {
			throw new UnparseableWebhookException.NotJson("empty body", null);
		}
		try {
			return mapper.readTree(body);
		}
		catch (JacksonException e) {
			throw new UnparseableWebhookException.NotJson(e.getOriginalMessage(), e);
		}
	}

	private static void requireWhatsAppObject(JsonNode root, JsonNode entries)
			throws UnparseableWebhookException.NotWhatsAppWebhook {
		String object = Json.text(root, "object");
		if (object == null && !entries.isEmpty()) {
			object = Json.text(entries.get(0), "object"); // misplaced into the entry in Meta's PARTNER_* examples
		}
		if (!WHATSAPP_OBJECT.equals(object)) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook(
					object == null ? "no \"object\"" : "object is \"" + object + "\", not \"" + WHATSAPP_OBJECT + "\"");
		}
	}

	private EnvelopeChange change(JsonNode change, String entryId, Long entryTime, MessageDigest sha256, String where)
			throws UnparseableWebhookException.NotWhatsAppWebhook {
		String field = Json.text(change, "field");
		if (field == null || field.isEmpty()) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook(where + " has no field");
		}
		JsonNode value = change.path("value");
		if (!value.isObject()) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook(where + " has no value object");
		}
		String wabaId = Json.text(value.path("waba_info"), "waba_id");
		if (wabaId == null) {
			wabaId = entryId;
		}
		if (wabaId == null || wabaId.isEmpty()) {
			throw new UnparseableWebhookException.NotWhatsAppWebhook(where + " names no WABA (entry id)");
		}
		String phoneNumberId = Json.text(value.path("metadata"), "phone_number_id");
		String valueJson = mapper.writeValueAsString(value);
		String eventId = eventId(sha256, wabaId, field, canonicalWriter.writeValueAsBytes(value));
		return new EnvelopeChange(eventId, wabaId, field, phoneNumberId, valueJson, entryTime);
	}

	/**
	 * SHA-256 over the length-prefixed WABA id and field and the canonical value: the prefixes keep
	 * ("ab","c") and ("a","bc") apart, the canonical form keeps a redelivery with reordered properties equal.
	 */
	static String eventId(MessageDigest sha256, String wabaId, String field, byte[] canonicalValue) {
		sha256.reset();
		updateWithLength(sha256, wabaId.getBytes(StandardCharsets.UTF_8));
		updateWithLength(sha256, field.getBytes(StandardCharsets.UTF_8));
		sha256.update(canonicalValue);
		return HEX.formatHex(sha256.digest());
	}

	private static void updateWithLength(MessageDigest digest, byte[] bytes) {
		int length = bytes.length;
		digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JRE has SHA-256", e);
		}
	}
}

package io.wabaflow.ops.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

import io.wabaflow.schemas.serde.AvroDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a raw record as one line of JSON: coordinates, key, headers and the value decoded from Avro
 * (any released schema version) — or, when the bytes are not one of our Avro records (a dead letter that
 * could not be decoded), as text or base64 with the reason it could not be decoded.
 */
public final class RecordRenderer {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectMapper mapper = JsonMapper.builder().build();

	private final Deserializer<SpecificRecord> avro = new AvroDeserializer();

	public String render(ConsumerRecord<byte[], byte[]> record) {
		ObjectNode line = NODES.objectNode();
		line.put("topic", record.topic());
		line.put("partition", record.partition());
		line.put("offset", record.offset());
		line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
		line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
		ObjectNode headers = line.putObject("headers");
		for (Header header : record.headers()) {
			headers.set(header.key(), bytes(header.value()));
		}
		line.set("value", value(record));
		return mapper.writeValueAsString(line);
	}

	private JsonNode value(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			return NODES.nullNode(); // a tombstone
		}
		try {
			SpecificRecord decoded = avro.deserialize(record.topic(), record.value());
			ObjectNode value = NODES.objectNode();
			value.put("@type", decoded.getSchema().getFullName());
			fields(decoded, value);
			return value;
		}
		catch (RuntimeException notAvro) {
			ObjectNode raw = NODES.objectNode();
			raw.put("@undecodable", notAvro.getMessage());
			raw.set("bytes", bytes(record.value()));
			return raw;
		}
	}

	private void fields(IndexedRecord record, ObjectNode target) {
		for (Schema.Field field : record.getSchema().getFields()) {
			target.set(field.name(), json(record.get(field.pos())));
		}
	}

	private JsonNode json(Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof IndexedRecord nested) {
			ObjectNode node = NODES.objectNode();
			node.put("@type", nested.getSchema().getName());
			fields(nested, node);
			return node;
		}
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes(bytes);
		}
		if (value instanceof Collection<?> items) {
			ArrayNode array = NODES.arrayNode();
			items.forEach(item -> array.add(json(item)));
			return array;
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode node = NODES.objectNode();
			map.forEach((k, v) -> node.set(String.valueOf(k), json(v)));
			return node;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return mapper.valueToTree(value);
		}
		if (value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
			return NODES.stringNode(value.toString());
		}
		return NODES.stringNode(value.toString()); // strings, Instants (ISO-8601)
	}

	/** UTF-8 text when the bytes are text, else {@code {"base64": …}}. */
	private static JsonNode bytes(byte[] bytes) {
		if (bytes == null) {
			return NODES.nullNode();
		}
		try {
			return NODES.stringNode(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
		}
		catch (CharacterCodingException binary) {
			ObjectNode node = NODES.objectNode();
			node.put("base64", Base64.getEncoder().encodeToString(bytes));
			return node;
		}
	}
}

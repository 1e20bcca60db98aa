package io.wabaflow.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record with Avro's single-object encoding: {@code C3 01}, the 8-byte
 * fingerprint of the writer schema, then the binary body. No schema registry is involved; readers find
 * the writer schema by fingerprint in {@link SchemaCatalog}. Thread-safe.
 */
public final class AvroSerializer implements Serializer<SpecificRecord> {

	private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

	public AvroSerializer() {
		AvroTrust.install();
	}

	@Override
	public byte[] serialize(String topic, SpecificRecord data) {
		if (data == null) {
			return null;
		}
		BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(data.getSchema(),
				schema -> new BinaryMessageEncoder<>(SpecificData.getForClass(data.getClass()), schema));
		try {
			ByteBuffer buffer = encoder.encode(data);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException | RuntimeException e) {
			throw new SerializationException("Cannot encode " + data.getSchema().getFullName() + " for " + topic, e);
		}
	}
}

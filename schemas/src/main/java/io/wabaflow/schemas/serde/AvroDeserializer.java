package io.wabaflow.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any record of the catalogue written by {@link AvroSerializer}, with the current or any released
 * schema, into the current generated class. The type comes from the writer schema's fingerprint, so one
 * deserializer serves every topic (and their retry and dead-letter topics). Thread-safe.
 */
public final class AvroDeserializer implements Deserializer<SpecificRecord> {

	private static final int HEADER_LENGTH = 10;

	private final SchemaCatalog catalog;

	public AvroDeserializer() {
		this(SchemaCatalog.get());
	}

	public AvroDeserializer(SchemaCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public SpecificRecord deserialize(String topic, byte[] data) {
		if (data == null) {
			return null; // a tombstone on a compacted topic
		}
		if (data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
			throw new SerializationException("Not an Avro single-object encoded record on " + topic
					+ " (expected the C3 01 marker; " + data.length + " bytes)");
		}
		long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		Class<? extends SpecificRecord> type = catalog.typeOf(fingerprint)
				.orElseThrow(() -> new SerializationException("Unknown writer schema fingerprint "
						+ SchemaCatalog.hex(fingerprint) + " on " + topic
						+ ": written by a newer producer? Deploy consumers with the new schema first."));
		try {
			return catalog.decoder(type).decode(data);
		}
		catch (IOException | RuntimeException e) {
			throw new SerializationException("Cannot decode " + type.getSimpleName() + " on " + topic, e);
		}
	}

	/** Decodes and checks the value is of the expected type. */
	public <T extends SpecificRecord> T deserialize(String topic, byte[] data, Class<T> expected) {
		SpecificRecord value = deserialize(topic, data);
		if (value != null && !expected.isInstance(value)) {
			throw new SerializationException("Expected " + expected.getSimpleName() + " on " + topic + " but found "
					+ value.getClass().getSimpleName());
		}
		return expected.cast(value);
	}
}

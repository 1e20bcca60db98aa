package io.wabaflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.SampleRecords;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.SchemaCatalog.ReleasedSchema;
import io.wabaflow.schemas.webhook.WebhookChange;

class AvroSerdeTest {

	private final AvroSerializer serializer = new AvroSerializer();

	private final AvroDeserializer deserializer = new AvroDeserializer();

	@Test
	void everyTypeRoundTripsWithSingleObjectEncoding() {
		for (SpecificRecord record : SampleRecords.all()) {
			byte[] bytes = serializer.serialize("t", record);

			assertThat(bytes[0]).isEqualTo((byte) 0xC3);
			assertThat(bytes[1]).isEqualTo((byte) 0x01);
			assertThat(deserializer.deserialize("t", bytes)).isEqualTo(record);
		}
	}

	@Test
	void everyCatalogueTopicValueTypeIsInTheCatalogue() {
		Topics.ALL.forEach(topic -> assertThat(SchemaCatalog.get().types()).contains(topic.valueType()));
	}

	@Test
	void recordsWrittenWithAnOlderReleasedSchemaAreReadWithDefaults() throws IOException {
		// An imagined v0 of WebhookChange without the fields that have defaults.
		Schema older = SchemaBuilder.record("WebhookChange").namespace("io.wabaflow.schemas.webhook").fields()
				.requiredString("event_id").requiredString("waba_id").requiredString("field")
				.requiredString("value_json")
				.name("received_at").type(org.apache.avro.LogicalTypes.timestampMillis()
						.addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
				.endRecord();
		GenericRecord old = new GenericData.Record(older);
		old.put("event_id", "ev-old");
		old.put("waba_id", "waba-1");
		old.put("field", "messages");
		old.put("value_json", "{}");
		old.put("received_at", 1_700_000_000_000L);
		ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
		SchemaCatalog withOlder = SchemaCatalog.of(Map.of(WebhookChange.class,
				List.of(new ReleasedSchema(WebhookChange.class.getName(), 0, "", older))));

		WebhookChange read = new AvroDeserializer(withOlder).deserialize("t", toArray(bytes), WebhookChange.class);

		assertThat(read.getEventId()).isEqualTo("ev-old");
		assertThat(read.getObject()).isEqualTo("whatsapp_business_account");
		assertThat(read.getPhoneNumberId()).isNull();
		assertThat(read.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
	}

	@Test
	void unknownWriterSchemaIsAClearError() throws IOException {
		Schema stranger = SchemaBuilder.record("Stranger").fields().requiredString("x").endRecord();
		GenericRecord record = new GenericData.Record(stranger);
		record.put("x", "y");
		byte[] bytes = toArray(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record));

		assertThatThrownBy(() -> deserializer.deserialize("wabaflow.webhooks.v1", bytes))
				.isInstanceOf(SerializationException.class)
				.hasMessageContaining("Unknown writer schema fingerprint")
				.hasMessageContaining("wabaflow.webhooks.v1");
	}

	@Test
	void bytesThatAreNotAvroAreAClearError() {
		assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
				.isInstanceOf(SerializationException.class)
				.hasMessageContaining("C3 01");
	}

	@Test
	void nullIsATombstone() {
		assertThat(serializer.serialize("t", null)).isNull();
		assertThat(deserializer.deserialize("t", null)).isNull();
	}

	private static byte[] toArray(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}
}

package io.wabaflow.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.serde.SchemaCatalog;
import io.wabaflow.schemas.serde.SchemaCatalog.ReleasedSchema;

/** Proves the gate rejects what it must, so that its passing over the catalogue means something. */
class CompatibilityGateTest {

	private static final Schema RELEASED = parse("""
			{"type":"record","name":"Order","namespace":"t","fields":[
			  {"name":"id","type":"string"},
			  {"name":"amount","type":"long"}]}""");

	private static ReleasedSchema released(Schema schema) {
		return new ReleasedSchema("t.Order", 1, SchemaCatalog.hex(SchemaCatalog.fingerprint(schema)), schema);
	}

	@Test
	void rejectsATypeChangeAndANewFieldWithoutDefault() {
		Schema incompatible = parse("""
				{"type":"record","name":"Order","namespace":"t","fields":[
				  {"name":"id","type":"string"},
				  {"name":"amount","type":"int"},
				  {"name":"currency","type":"string"}]}""");

		List<String> problems = CompatibilityGate.problems(incompatible, List.of(released(RELEASED)));

		assertThat(problems).anyMatch(p -> p.contains("TYPE_MISMATCH"));
		assertThat(problems).anyMatch(p -> p.contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
	}

	@Test
	void rejectsRemovingAFieldOldReadersNeed() {
		Schema removed = parse("""
				{"type":"record","name":"Order","namespace":"t","fields":[
				  {"name":"id","type":"string"}]}""");

		assertThat(CompatibilityGate.problems(removed, List.of(released(RELEASED))))
				.anyMatch(p -> p.startsWith("current written, t.Order v1 read"));
	}

	@Test
	void acceptsANewOptionalFieldWithDefault() {
		Schema evolved = parse("""
				{"type":"record","name":"Order","namespace":"t","fields":[
				  {"name":"id","type":"string"},
				  {"name":"amount","type":"long"},
				  {"name":"note","type":["null","string"],"default":null}]}""");

		assertThat(CompatibilityGate.problems(evolved, List.of(released(RELEASED)))).isEmpty();
	}

	@Test
	void rejectsAReleasedSchemaEditedAfterItsRelease() {
		ReleasedSchema edited = new ReleasedSchema("t.Order", 1, "0000000000000000", RELEASED);

		assertThat(CompatibilityGate.problems(RELEASED, List.of(edited)))
				.singleElement().asString().contains("edited after its release");
	}

	@Test
	void rejectsATypeWithoutAnyRelease() {
		assertThat(CompatibilityGate.problems(RELEASED, List.of())).singleElement().asString()
				.contains("no released version");
	}

	private static Schema parse(String json) {
		return new Schema.Parser().parse(json);
	}
}

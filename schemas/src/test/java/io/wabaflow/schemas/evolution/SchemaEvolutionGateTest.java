package io.wabaflow.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.wabaflow.schemas.serde.SchemaCatalog;

/**
 * The build-time gate: fails the build when a current schema cannot read, or be read by, any released
 * version of its type, or when a released schema file was edited.
 */
class SchemaEvolutionGateTest {

	static Stream<Class<? extends SpecificRecord>> catalogueTypes() {
		return SchemaCatalog.get().types().stream();
	}

	@ParameterizedTest
	@MethodSource("catalogueTypes")
	void currentSchemaIsCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecord> type) {
		assertThat(CompatibilityGate.problems(SchemaCatalog.currentSchema(type), SchemaCatalog.get().releases(type)))
				.as("schema evolution problems of %s", type.getSimpleName())
				.isEmpty();
	}
}

package io.wabaflow.schemas.evolution;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

import io.wabaflow.schemas.serde.SchemaCatalog;
import io.wabaflow.schemas.serde.SchemaCatalog.ReleasedSchema;

/**
 * Decides whether a schema may ship: it must read every released version and be readable by each of them
 * (consumers and producers are deployed independently, in either order), and no released version may
 * have been edited since its release (its fingerprint is frozen in {@code avro-history/RELEASES}).
 * A test runs it over the whole catalogue, so an incompatible change fails the build.
 */
public final class CompatibilityGate {

	private CompatibilityGate() {
	}

	/** The reasons the current schema cannot ship; empty when it can. */
	public static List<String> problems(Schema current, List<ReleasedSchema> releases) {
		List<String> problems = new ArrayList<>();
		if (releases.isEmpty()) {
			problems.add(current.getFullName() + " has no released version: add it to avro-history/RELEASES");
		}
		for (ReleasedSchema release : releases) {
			String label = release.typeName() + " v" + release.version();
			String actual = SchemaCatalog.hex(SchemaCatalog.fingerprint(release.schema()));
			if (!actual.equals(release.frozenFingerprint())) {
				problems.add(label + " was edited after its release: fingerprint " + actual + " instead of "
						+ release.frozenFingerprint() + ". Released schemas are frozen; change the current one.");
			}
			describe(problems, label + " written, current read",
					SchemaCompatibility.checkReaderWriterCompatibility(current, release.schema()));
			describe(problems, "current written, " + label + " read",
					SchemaCompatibility.checkReaderWriterCompatibility(release.schema(), current));
		}
		return problems;
	}

	private static void describe(List<String> problems, String direction, SchemaPairCompatibility result) {
		if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
			return;
		}
		result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(direction + ": "
				+ incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
				+ incompatibility.getMessage() + ")"));
	}
}

package io.wabaflow.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes it has not been told to trust, the generated records
 * included (feasibility P3). Our generated types all live under {@code io.wabaflow.schemas.}; trust that
 * package, once per JVM, rather than asking every process to pass a system property.
 */
final class AvroTrust {

	private static final String GENERATED_PACKAGE = "io.wabaflow.schemas.";

	private static volatile boolean installed;

	private AvroTrust() {
	}

	static void install() {
		if (installed) {
			return;
		}
		synchronized (AvroTrust.class) {
			if (!installed) {
				ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
						type -> type.getName().startsWith(GENERATED_PACKAGE)));
				installed = true;
			}
		}
	}
}

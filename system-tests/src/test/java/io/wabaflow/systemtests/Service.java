package io.wabaflow.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The services under test, each an executable jar of this build run as its own process. */
enum Service {

	INGRESS("ingress-service"), SYNC("sync-worker"), ONBOARDING("onboarding-worker"), SENDER("sender-worker");

	private final String module;

	Service(String module) {
		this.module = module;
	}

	String module() {
		return module;
	}

	/** The exec jar Maven resolved from the reactor (failsafe passes its path, see the pom). */
	Path jar() {
		String property = "wabaflow.jar." + module;
		String path = System.getProperty(property);
		if (path == null || path.isBlank() || path.startsWith("${")) {
			throw new IllegalStateException("No " + property + ": run the system tests through Maven (./mvnw -B verify -pl "
					+ "system-tests -am), which builds " + module + "'s exec jar and passes its path");
		}
		Path jar = Path.of(path);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(property + " names " + jar + ", which does not exist");
		}
		return jar;
	}
}

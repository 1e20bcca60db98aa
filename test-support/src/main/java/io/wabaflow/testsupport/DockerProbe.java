package io.wabaflow.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; the probe takes about 0.1 s the first time and is cached after. */
final class DockerProbe {

	private static Boolean available;

	private DockerProbe() {
	}

	static synchronized boolean dockerAvailable() {
		if (available == null) {
			try {
				available = DockerClientFactory.instance().isDockerAvailable();
			}
			catch (Throwable notAvailable) {
				available = false;
			}
		}
		return available;
	}
}

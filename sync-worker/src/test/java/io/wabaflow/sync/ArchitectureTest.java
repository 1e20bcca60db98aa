package io.wabaflow.sync;

import io.wabaflow.testsupport.ServiceArchitecture;

/** The sync's main code keeps the structure every service keeps (test-support's {@code ArchitectureRules}). */
class ArchitectureTest extends ServiceArchitecture {

	@Override
	protected String service() {
		return "sync";
	}
}

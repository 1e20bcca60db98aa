package io.wabaflow.ingress;

import io.wabaflow.testsupport.ServiceArchitecture;

/** The ingress's main code keeps the structure every service keeps (test-support's {@code ArchitectureRules}). */
class ArchitectureTest extends ServiceArchitecture {

	@Override
	protected String service() {
		return "ingress";
	}
}

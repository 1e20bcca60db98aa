package io.wabaflow.testsupport;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * A service's architecture test: its main code checked against {@link ArchitectureRules}. A service's
 * {@code ArchitectureTest} extends this and names itself.
 */
public abstract class ServiceArchitecture {

	private JavaClasses classes;

	/** The service's name in its root package: {@code sender} for {@code io.wabaflow.sender}. */
	protected abstract String service();

	private JavaClasses classes() {
		if (classes == null) {
			classes = ArchitectureRules.mainClassesOf(root());
		}
		return classes;
	}

	private String root() {
		return "io.wabaflow." + service();
	}

	@Test
	protected void itsFeaturePackagesFormNoCycle() {
		ArchitectureRules.featurePackagesAreFreeOfCycles(root()).check(classes());
	}

	@Test
	protected void timeComesFromAnInjectedClockAndNothingSleeps() {
		ArchitectureRules.timeComesFromAnInjectedClockAndNothingSleeps().check(classes());
	}

	@Test
	protected void itImportsNoOtherService() {
		ArchitectureRules.noOtherServiceIsImported(service()).check(classes());
	}
}

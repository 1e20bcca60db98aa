package io.wabaflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.time.Instant;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure every service keeps, checked on its main code by a fast test of its own ({@code ArchitectureTest}):
 * <ul>
 * <li>its feature packages ({@code io.wabaflow.<service>.<feature>}) form no cycle, so each can be read, tested and
 * moved on its own;</li>
 * <li>time comes from an injected {@code Clock} (a test moves it "24 h later"), and nothing sleeps: delays are delay
 * topics or schedulers;</li>
 * <li>it does not import another service's packages: data crosses service lines only through topics (DESIGN.md,
 * principle 2).</li>
 * </ul>
 */
public final class ArchitectureRules {

	private static final List<String> SERVICES = List.of("ingress", "onboarding", "sender", "sync");

	private ArchitectureRules() {
	}

	/** The main classes of a service's root package ({@code io.wabaflow.sender}). */
	public static JavaClasses mainClassesOf(String rootPackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
	}

	public static ArchRule featurePackagesAreFreeOfCycles(String rootPackage) {
		return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
	}

	public static ArchRule timeComesFromAnInjectedClockAndNothingSleeps() {
		return noClasses().should().callMethod(Instant.class, "now")
				.orShould().callMethod(System.class, "currentTimeMillis")
				.orShould().callMethod(Thread.class, "sleep", long.class)
				.because("a test moves an injected Clock; delays are delay topics or schedulers, never a sleeping thread");
	}

	public static ArchRule noOtherServiceIsImported(String service) {
		String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.wabaflow." + s + "..")
				.toArray(String[]::new);
		return noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
				.because("services share data only through topics, and code only through platform, schemas, meta-graph");
	}
}

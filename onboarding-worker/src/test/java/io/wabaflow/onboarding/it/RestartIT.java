package io.wabaflow.onboarding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.wabaflow.onboarding.OnboardingWorkerApplication;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.testsupport.TestKafka;
import io.wabaflow.testsupport.TestPostgres;

/**
 * The worker is stopped in the middle of polling (steps in flight lose their database, offsets of records in
 * flight are not committed, claims are left behind) and started again on the same database and consumer groups:
 * the flow resumes where it was and finishes once.
 */
class RestartIT {

	private final ScenarioClient scenario = Sandbox.scenario();

	@Test
	void aWorkerStoppedInTheMiddleOfPollingResumesAndFinishesOnce() {
		TestPostgres.TestDatabase database = TestPostgres.newDatabase("restart");
		String groups = "wabaflow-onboarding-restart-" + UUID.randomUUID().toString().substring(0, 8);
		String tenant = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		String business = scenario.createBusiness("Reinício " + tenant);
		scenario.wabaCreation(business, "2A", 8); // eight polls miss it, the ninth sees it
		String commandId = "cmd-" + UUID.randomUUID();
		Watcher watcher = null;

		ConfigurableApplicationContext first = start(database, groups);
		Jdbi jdbi = Jdbi.create(database.dataSource());
		try {
			watcher = Watcher.get();
			OnboardingITSupport.command(OnboardingITSupport.startOnboarding(commandId, tenant,
					scenario.signupCode(business), null, null, business, "FINISH"));
			await().atMost(Duration.ofSeconds(30)).until(() -> rows(jdbi, tenant, "waba_creation", true) == 1);
			String waba = jdbi.withHandle(handle -> handle.createQuery("""
					SELECT details->>'waba_id' FROM onboarding.integration_log WHERE tenant_id = :tenant AND step = 'waba_creation'
					""").bind("tenant", tenant).mapTo(String.class).one());
			scenario.createCloudNumber(waba, "+55 51 3000-0009", false);
			await().atMost(Duration.ofSeconds(30)).until(() -> rows(jdbi, tenant, "waba_polling", false) >= 3);
		}
		finally {
			first.close(); // mid-polling
		}
		int pollsBefore = rows(jdbi, tenant, "waba_polling", false);
		assertThat(rows(jdbi, tenant, "completed", true)).isZero();
		System.out.printf("Stopped the worker after %d polls; starting it again on the same database%n", pollsBefore);

		ConfigurableApplicationContext second = start(database, groups);
		try {
			Watcher seen = watcher;
			CommandResult completed = seen.awaitResult(commandId, r -> r.getHttpStatus() == 200, Duration.ofSeconds(60));
			String phone = OnboardingITSupport.JSON.readTree(completed.getDataJson()).path("phone_number_id").asString();
			String waba = OnboardingITSupport.JSON.readTree(completed.getDataJson()).path("waba_id").asString();

			assertThat(rows(jdbi, tenant, "completed", true)).as("completed once").isEqualTo(1);
			List<Integer> attempts = jdbi.withHandle(handle -> handle.createQuery("""
					SELECT (details->>'attempt')::int FROM onboarding.integration_log WHERE tenant_id = :tenant AND step = 'waba_polling'
					ORDER BY id""").bind("tenant", tenant).mapTo(Integer.class).list());
			assertThat(attempts).as("each poll once, in order, across the restart").isSortedAccordingTo(Integer::compare)
					.doesNotHaveDuplicates();
			assertThat(attempts.size()).isGreaterThan(pollsBefore);
			assertThat(calls("client_whatsapp_applications", business)).as("the WABA was created once").isEqualTo(1);
			assertThat(calls("register", phone)).isEqualTo(1);
			assertThat(calls("subscribed_apps", waba)).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> !seen.registrations(phone).isEmpty());
			assertThat(seen.registrations(phone)).extracting(PhoneNumberRegistration::getTenantId).containsExactly(tenant);
			int flows = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM onboarding.flows WHERE tenant_id = :tenant")
					.bind("tenant", tenant).mapTo(Integer.class).one());
			assertThat(flows).isEqualTo(1);
			System.out.printf("Resumed after the restart and completed once: polls %s%n", attempts);
		}
		finally {
			second.close();
		}
	}

	private static ConfigurableApplicationContext start(TestPostgres.TestDatabase database, String groups) {
		List<String> args = new ArrayList<>();
		Sandbox.workerProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers(), "spring.datasource.url", database.jdbcUrl(),
				"spring.datasource.username", database.user(), "spring.datasource.password", database.password(),
				"wabaflow.onboarding.group-prefix", groups,
				// fresh groups of this test start at the end of the shared topics, not at other tests' records
				"spring.kafka.consumer.auto-offset-reset", "latest", "server.port", "0")
				.forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OnboardingWorkerApplication.class)
				.profiles("it").run(args.toArray(String[]::new));
		KafkaListenerEndpointRegistry listeners = context.getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainers().stream()
				.allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
		return context;
	}

	private static int rows(Jdbi jdbi, String tenant, String step, boolean successOnly) {
		return jdbi.withHandle(handle -> handle.createQuery("""
				SELECT count(*) FROM onboarding.integration_log WHERE tenant_id = :tenant AND step = :step AND (success OR NOT :only)
				""").bind("tenant", tenant).bind("step", step).bind("only", successOnly).mapTo(Integer.class).one());
	}

	private static long calls(String operation, String nodeId) {
		return Sandbox.scenario().calls(operation).valueStream()
				.filter(call -> nodeId.equals(call.path("nodeId").asString())).count();
	}
}

package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL stopped and started again (same port, same data) while webhooks stream in and commands arrive: the
 * ingress, which has no database, keeps accepting; the workers (sync, sender, onboarding) wait for the database
 * instead of giving up on what they consumed meanwhile.
 */
@ExtendWith(SharedStack.class)
class DatabaseRestartIT {

	@Test
	void aDatabaseRestartUnderLoadLosesNothingAndDoublesNothing(SystemStack stack) throws IOException {
		World world = new World(stack);
		String phone = world.onboardedNumber("db-restart");
		Inbound inbound = Inbound.streaming(stack.scenario(), phone, 15, 20);
		await("the first messages projected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
				.until(() -> world.inboundProjected(phone) >= 30);

		long onboardingLogBefore = Files.size(stack.service(Service.ONBOARDING).log());
		stack.stopDatabase();
		Instant stopped = Instant.now();
		// while it is down: the rest of the stream, a user who writes for the first time, and sends
		String newcomer = "5541988887777";
		stack.scenario().injectText(phone, newcomer, "first message, while the database is down");
		World.Signup signup = world.startOnboarding("db-restart-signup"); // its command waits, not dead-lettered
		List<String> templates = IntStream.range(0, 20).mapToObj(i -> world.sendTemplate(phone, "55419" + (60_000_000 + i)))
				.toList();
		inbound.awaitAllDelivered(world, Duration.ofMinutes(2)); // the ingress has no database
		// the signup's command failed for want of the database, and waits for it
		await("the onboarding worker retrying the signup until the database is back").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200)).until(() -> logSince(stack.service(Service.ONBOARDING).log(), onboardingLogBefore)
						.matches("(?s).*wabaflow\\.commands\\.onboarding\\.v1-\\d+@\\d+ failed \\(delivery \\d+\\), retried until the infrastructure is back.*"));
		stack.startDatabase();
		System.out.printf("PostgreSQL down for %d ms while the ingress accepted the stream%n",
				Duration.between(stopped, Instant.now()).toMillis());

		stack.awaitSyncCaughtUp(Duration.ofMinutes(2));
		// every streamed message projected exactly once, and the newcomer's too
		JsonNode newcomerConversation = WholeLoopIT.item(world.api(phone).read(stack.url(Service.SYNC) + "/api/v1/phone-numbers/"
				+ phone + "/conversations?limit=200"), "id", phone + ":" + newcomer);
		assertThat(newcomerConversation.path("counts").path("inbound").asInt()).isEqualTo(1);
		inbound.assertProjectedExactlyOnce(world);

		// every template sent once; the newcomer's window, opened during the outage, lets a reply through
		await("the templates sent during the outage").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
				.until(() -> templates.stream().map(world::command).allMatch(c -> !c.path("state").asString().matches("pending|intended|")));
		assertThat(templates.stream().map(world::command)).allSatisfy(c -> assertThat(c.path("state").asString())
				.as("%s", c).isEqualTo("sent"));
		assertThat(world.receivedByMeta(phone).stream().filter(m -> m.path("to").asString().startsWith("55419"))
				.map(m -> m.path("to").asString())).hasSize(20).doesNotHaveDuplicates();
		JsonNode reply = world.sendTextAndWait(phone, newcomer, "Olá! Chegou sim.");
		assertThat(reply.path("outcome").asString()).as("%s", reply).isEqualTo("OK");

		// the signup that arrived during the outage completes: its command waited for the database; and the
		// onboarding worker goes on with the next one (it once stayed paused after such a retry)
		world.awaitOnboarded(signup, Duration.ofMinutes(2));
		world.onboardedNumber("db-restart-after");
	}

	private static String logSince(Path log, long offset) throws IOException {
		byte[] bytes = Files.readAllBytes(log);
		return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
	}
}

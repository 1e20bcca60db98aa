package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Meta's messaging limit end to end, through the real processes: the sandbox (as Meta) sends a
 * business_capability_update, the ingress puts it on the webhook topic, the onboarding worker writes the limit to the
 * registry, and the sender stops starting conversations beyond it; a raised limit lets the refused user through.
 */
@ExtendWith(SharedStack.class)
class MessagingLimitIT {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Test
	void aCapabilityUpdateFromMetaChangesHowManyConversationsTheSenderStarts(SystemStack stack) {
		World world = new World(stack);
		World.Signup signup = world.startOnboarding("Limite Ltda");
		String phone = world.awaitOnboarded(signup, Duration.ofSeconds(90));

		stack.scenario().post("/wabas/" + signup.waba() + "/capability", Map.of("maxDailyConversations", 2));
		// templates to new users go out until the limit reaches the sender, then one is refused
		JsonNode refused = await("a template refused at the messaging limit").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200)).until(() -> world.sendTemplateAndWait(phone, newUser()),
						answer -> "MESSAGING_LIMIT".equals(answer.path("error_code").asString()));
		assertThat(refused.path("outcome").asString()).isEqualTo("REJECTED");
		assertThat(refused.path("status").asInt()).as("problem+json").isEqualTo(422);
		int sentBefore = world.receivedByMeta(phone).size();

		stack.scenario().post("/wabas/" + signup.waba() + "/capability", Map.of("maxDailyConversations", 1_000));
		// a user beyond the old limit: refused until the raised limit reaches the sender, then sent
		String again = newUser();
		await("a template sent once the limit is raised").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> world.sendTemplateAndWait(phone, again).path("outcome").asString(), "OK"::equals);
		assertThat(world.receivedByMeta(phone)).hasSizeGreaterThan(sentBefore);
	}

	private static String newUser() {
		return "55419" + String.format("%08d", 70_000_000 + USERS.incrementAndGet());
	}
}

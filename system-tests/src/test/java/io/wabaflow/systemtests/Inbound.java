package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.wabaflow.sandbox.ScenarioClient;
import tools.jackson.databind.JsonNode;

/**
 * A stream of user messages to one number, injected in the sandbox (each a signed webhook to the ingress) from a
 * background thread while the test does its damage; then the check that each was projected exactly once.
 */
final class Inbound {

	private final String phone;

	private final int users;

	private final int perUser;

	/** wamid → user, as the sandbox answered each injection. */
	private final Map<String, String> sent = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> injecting;

	private Inbound(ScenarioClient scenario, String phone, int users, int perUser) {
		this.phone = phone;
		this.users = users;
		this.perUser = perUser;
		this.injecting = CompletableFuture.runAsync(() -> IntStream.range(0, users * perUser).forEach(i -> {
			String user = user(i % users);
			sent.put(scenario.injectText(phone, user, "message " + (i / users) + " from " + user), user);
		}));
	}

	/** Starts injecting {@code users × perUser} messages, round robin, in the background. */
	static Inbound streaming(ScenarioClient scenario, String phone, int users, int perUser) {
		return new Inbound(scenario, phone, users, perUser);
	}

	int count() {
		return users * perUser;
	}

	String user(int index) {
		return "55319" + (10_000_000 + Math.abs(phone.hashCode() % 1000) * 1000 + index);
	}

	/** Until every message was injected and the ingress acknowledged its webhook (durable in Kafka). */
	void awaitAllDelivered(ScenarioClient scenario, Duration patience) {
		injecting.join();
		await("every webhook of " + phone + " acknowledged by the ingress").atMost(patience)
				.pollInterval(Duration.ofMillis(500)).until(() -> {
					List<JsonNode> deliveries = scenario.get("/deliveries?field=messages&phoneNumberId=" + phone).valueStream()
							.toList();
					return deliveries.size() >= count()
							&& deliveries.stream().allMatch(d -> d.path("state").asString().equals("DELIVERED"));
				});
	}

	/** One conversation per user, each counting and listing exactly that user's messages, once each. */
	void assertProjectedExactlyOnce(World world) {
		assertThat(sent).hasSize(count());
		Map<String, List<String>> expected = new LinkedHashMap<>();
		sent.forEach((wamid, user) -> expected.computeIfAbsent(user, u -> new ArrayList<>()).add(wamid));
		List<JsonNode> conversations = world.conversations(phone);
		assertThat(conversations).extracting(c -> c.path("contact").path("wa_id").asString())
				.containsExactlyInAnyOrderElementsOf(expected.keySet());
		for (JsonNode conversation : conversations) {
			String user = conversation.path("contact").path("wa_id").asString();
			assertThat(conversation.path("counts").path("inbound").asInt()).as("inbound count of %s", user).isEqualTo(perUser);
			assertThat(conversation.path("counts").path("total").asInt()).as("total count of %s", user).isEqualTo(perUser);
			assertThat(world.messages(conversation.path("id").asString())).extracting(m -> m.path("wamid").asString())
					.as("messages of %s", user).containsExactlyInAnyOrderElementsOf(expected.get(user));
		}
	}
}

package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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

	private final int firstUser;

	/** wamid → user, as the sandbox answered each injection. */
	private final Map<String, String> sent = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> injecting;

	private Inbound(ScenarioClient scenario, String phone, int users, int perUser, int firstUser) {
		this.phone = phone;
		this.users = users;
		this.perUser = perUser;
		this.firstUser = firstUser;
		this.injecting = CompletableFuture.runAsync(() -> IntStream.range(0, users * perUser).forEach(i -> {
			String user = user(i % users);
			sent.put(scenario.injectText(phone, user, "message " + (i / users) + " from " + user), user);
		}));
	}

	/** Starts injecting {@code users × perUser} messages, round robin, in the background. */
	static Inbound streaming(ScenarioClient scenario, String phone, int users, int perUser) {
		return new Inbound(scenario, phone, users, perUser, 0);
	}

	/** The same, from other users: those numbered from {@code firstUser} on. */
	static Inbound streaming(ScenarioClient scenario, String phone, int users, int perUser, int firstUser) {
		return new Inbound(scenario, phone, users, perUser, firstUser);
	}

	int count() {
		return users * perUser;
	}

	private String user(int index) {
		return "55319" + (10_000_000 + firstUser + index);
	}

	/** The users' wa_ids. */
	Set<String> users() {
		return IntStream.range(0, users).mapToObj(this::user).collect(Collectors.toSet());
	}

	/** Until every message was injected and the ingress acknowledged its webhook (durable in Kafka). */
	void awaitAllDelivered(World world, Duration patience) {
		injecting.join();
		world.awaitDelivered(phone, count(), patience);
	}

	/** One conversation per user, each counting and listing exactly that user's messages, once each. */
	void assertProjectedExactlyOnce(World world) {
		assertThat(sent).hasSize(count());
		Map<String, List<String>> expected = new LinkedHashMap<>();
		sent.forEach((wamid, user) -> expected.computeIfAbsent(user, u -> new ArrayList<>()).add(wamid));
		List<JsonNode> conversations = world.conversations(phone).stream()
				.filter(c -> users().contains(c.path("contact").path("wa_id").asString())).toList();
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

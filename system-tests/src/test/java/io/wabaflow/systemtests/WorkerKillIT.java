package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * A worker killed with SIGKILL in the middle of a stream, then started again: nothing it had taken on is lost,
 * nothing is done twice.
 */
@ExtendWith(SharedStack.class)
class WorkerKillIT {

	private static final String RECIPIENTS = "55219";

	private static final Set<String> SETTLED = Set.of("sent", "failed", "rejected", "unknown");

	/**
	 * 300 templates to 300 recipients; the sender is killed once Meta has received a few dozen, while the rest
	 * are claimed, in flight or still arriving. Meta has no idempotency key, so a send whose answer the dead
	 * worker never recorded cannot be known to have left: the sender's policy (mark-unknown) reports it as
	 * {@code unknown} (IN_DOUBT) rather than risk a second message. So: no recipient ever gets two; every
	 * command ends settled; every {@code sent} one reached Meta exactly once with the wamid the sender
	 * reports; whatever Meta did not receive is reported {@code unknown}, never silently dropped; and only
	 * the sends in flight at the kill can be in doubt.
	 */
	@Test
	void theSenderKilledMidStreamSendsEveryCommandAtMostOnceAndLosesNoneSilently(SystemStack stack) throws Exception {
		World world = new World(stack);
		String phone = world.onboardedNumber("kill-sender");
		int commands = 300;
		Function<Integer, String> recipient = i -> RECIPIENTS + (70_000_000 + i);
		CompletableFuture<List<String>> posting = CompletableFuture.supplyAsync(() -> IntStream.range(0, commands)
				.mapToObj(i -> world.sendTemplate(phone, recipient.apply(i))).toList());

		await("Meta receiving the first sends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
				.until(() -> receivedByMeta(world, phone).size() >= 40);
		stack.service(Service.SENDER).kill();
		int receivedAtKill = receivedByMeta(world, phone).size();
		List<String> commandIds = posting.get();
		stack.service(Service.SENDER).start();
		stack.service(Service.SENDER).awaitReady(SystemStack.START_PATIENCE);

		Map<String, JsonNode> outcomes = new HashMap<>();
		await("every command settled after the restart").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					for (String id : commandIds) {
						if (!outcomes.containsKey(id)) {
							JsonNode command = world.command(id);
							if (SETTLED.contains(command.path("state").asString())) {
								outcomes.put(id, command);
							}
						}
					}
					return outcomes.size() == commands;
				});

		assertThat(receivedAtKill).as("the kill landed mid-stream").isLessThan(commands);
		Map<String, List<JsonNode>> receivedByRecipient = receivedByMeta(world, phone).stream()
				.collect(Collectors.groupingBy(m -> m.path("to").asString()));
		assertThat(receivedByRecipient.values()).as("no recipient got a message twice").allSatisfy(m -> assertThat(m).hasSize(1));
		List<String> inDoubt = new ArrayList<>();
		for (int i = 0; i < commands; i++) {
			JsonNode outcome = outcomes.get(commandIds.get(i));
			List<JsonNode> atMeta = receivedByRecipient.getOrDefault(recipient.apply(i), List.of());
			String state = outcome.path("state").asString();
			if (state.equals("sent")) {
				assertThat(atMeta).as("Meta received sent command %s", outcome).hasSize(1);
				assertThat(atMeta.get(0).path("wamid").asString()).isEqualTo(outcome.path("wamid").asString());
			}
			else {
				assertThat(state).as("command %s: neither sent nor in doubt", outcome).isEqualTo("unknown");
				inDoubt.add(outcome.path("command_id").asString() + (atMeta.isEmpty() ? " (not at Meta)" : " (at Meta)"));
			}
		}
		System.out.printf("Sender killed after Meta received %d of %d; afterwards %d sent, %d in doubt: %s%n", receivedAtKill,
				commands, commands - inDoubt.size(), inDoubt.size(), inDoubt);
		// at most the calls one number may have in flight (max-calls-in-flight-per-number, 64) were in doubt
		assertThat(inDoubt).hasSizeLessThanOrEqualTo(64);
	}

	/** What Meta received of this test's templates (not the probe that found the number sendable). */
	private static List<JsonNode> receivedByMeta(World world, String phone) {
		return world.receivedByMeta(phone).stream().filter(m -> m.path("to").asString().startsWith(RECIPIENTS)).toList();
	}

	/**
	 * 300 user messages from 12 users stream in; the sync worker is killed once it has projected a few dozen
	 * and started again while the rest still arrive. Its consumer re-reads what it had not committed: every
	 * message is projected, each exactly once (the conversations' counts, and every message listed once).
	 */
	@Test
	void theSyncWorkerKilledMidStreamProjectsEveryEventExactlyOnce(SystemStack stack) throws Exception {
		World world = new World(stack);
		String phone = world.subscribedNumber("kill-sync");
		Inbound inbound = Inbound.streaming(stack.scenario(), phone, 12, 25);

		int projectedAtKill = await("the first messages projected").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100)).until(() -> world.inboundProjected(phone), projected -> projected >= 30);
		stack.service(Service.SYNC).kill();
		stack.service(Service.SYNC).start();
		stack.service(Service.SYNC).awaitReady(SystemStack.START_PATIENCE);

		inbound.awaitAllDelivered(world, Duration.ofMinutes(2));
		stack.awaitSyncCaughtUp(Duration.ofMinutes(2));
		System.out.printf("Sync worker killed with about %d of %d messages projected%n", projectedAtKill,
				inbound.count());
		inbound.assertProjectedExactlyOnce(world);
	}
}

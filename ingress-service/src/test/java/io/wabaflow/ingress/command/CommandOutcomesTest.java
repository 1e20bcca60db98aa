package io.wabaflow.ingress.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.wabaflow.ingress.IngressProperties;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;

class CommandOutcomesTest {

	static final IngressProperties PROPERTIES = new IngressProperties(List.of(), "", DataSize.ofMegabytes(3),
			Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), 1000);

	private final CommandOutcomes outcomes = new CommandOutcomes(PROPERTIES, Clock.systemUTC());

	@Test
	void aWaiterGetsTheResultThatArrivesLater() {
		CompletableFuture<CommandResult> first = outcomes.await("cmd-1", Duration.ofSeconds(10));
		CompletableFuture<CommandResult> second = outcomes.await("cmd-1", Duration.ofSeconds(10));

		outcomes.record(result("cmd-1"));

		assertThat(first.join().getCommandId()).isEqualTo("cmd-1");
		assertThat(second.join().getCommandId()).isEqualTo("cmd-1");
		assertThat(outcomes.waitingCommands()).isZero();
	}

	@Test
	void aKnownResultIsAnsweredAtOnceAndATimedOutWaiterGetsNullAndIsForgotten() {
		outcomes.record(result("cmd-known"));

		assertThat(outcomes.await("cmd-known", Duration.ofSeconds(10)).join().getCommandId()).isEqualTo("cmd-known");

		CompletableFuture<CommandResult> patient = outcomes.await("cmd-late", Duration.ofSeconds(10));
		CompletableFuture<CommandResult> impatient = outcomes.await("cmd-late", Duration.ofMillis(50));
		assertThat(impatient.join()).isNull();
		assertThat(patient).isNotDone(); // one waiter's timeout is not the other's
		outcomes.record(result("cmd-late"));
		assertThat(patient.join()).isNotNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.waitingCommands() == 0);
		assertThat(outcomes.known("cmd-late")).isPresent();
	}

	static CommandResult result(String commandId) {
		return CommandResult.newBuilder().setCommandId(commandId).setCommandType("RequestCoexistenceSync")
				.setOutcome(CommandOutcome.OK).setHttpStatus(200).setOccurredAt(Instant.now()).build();
	}
}
